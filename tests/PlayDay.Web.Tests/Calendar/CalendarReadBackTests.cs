using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>
/// Every kind of .ics the app serves or mails, in zones that stress VTIMEZONE (negative and
/// half-hour daylight saving, southern summers, no daylight saving, UTC), read back by ical.js and
/// Ical.Net: both must take the instants we meant.
/// </summary>
public sealed class CalendarReadBackTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A play day 13:00-17:00 local in each zone, on a date in its summer or winter, and what that is in UTC.</summary>
    private static readonly (string Zone, string Date, DateTime StartUtc)[] Days =
    [
        ("Europe/Berlin", "2027-06-10", new DateTime(2027, 6, 10, 11, 0, 0, DateTimeKind.Utc)), // CEST
        ("America/New_York", "2026-12-10", new DateTime(2026, 12, 10, 18, 0, 0, DateTimeKind.Utc)), // EST
        ("Europe/Dublin", "2027-06-10", new DateTime(2027, 6, 10, 12, 0, 0, DateTimeKind.Utc)), // IST, UTC+1
        ("Australia/Sydney", "2026-12-10", new DateTime(2026, 12, 10, 2, 0, 0, DateTimeKind.Utc)), // AEDT, UTC+11
        ("Asia/Kolkata", "2026-12-10", new DateTime(2026, 12, 10, 7, 30, 0, DateTimeKind.Utc)),
        ("Asia/Tokyo", "2027-06-10", new DateTime(2027, 6, 10, 4, 0, 0, DateTimeKind.Utc)),
        ("Australia/Lord_Howe", "2026-12-10", new DateTime(2026, 12, 10, 2, 0, 0, DateTimeKind.Utc)), // UTC+11
        ("America/Santiago", "2026-12-10", new DateTime(2026, 12, 10, 16, 0, 0, DateTimeKind.Utc)), // UTC-3
        ("UTC", "2027-06-10", new DateTime(2027, 6, 10, 13, 0, 0, DateTimeKind.Utc)),
    ];

    private sealed record Scene(Browser Organizer, Browser Member, Dictionary<int, (string Zone, DateTime Start, DateTime End)> PlayDays);

    /// <summary>One play day per zone; the member has a team (the only one) at each.</summary>
    private async Task<Scene> SceneAsync()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var member = await Browser.RegisteredAsync(_app, "Tess Teammate");
        var playDays = new Dictionary<int, (string, DateTime, DateTime)>();
        foreach (var (zone, date, start) in Days)
        {
            var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Play day in " + zone, date: date, zone: zone));
            await Board.BoardScene.CreateTeamAsync(member, id, "Team in " + zone);
            playDays[id] = (zone, start, start.AddHours(4));
        }
        return new Scene(organizer, member, playDays);
    }

    private async Task<Dictionary<string, (DateTime Start, DateTime End)>> OursAsync(Scene scene) =>
        await _app.WithDbAsync(async db => (await db.PlayDays.Select(p => new { p.Id, p.CalendarUid }).ToListAsync())
            .ToDictionary(p => p.CalendarUid.ToString(), p => (scene.PlayDays[p.Id].Start, scene.PlayDays[p.Id].End)));

    [Fact]
    public async Task Every_play_days_download_reads_back_at_our_instants_in_ical_js_and_Ical_Net()
    {
        var scene = await SceneAsync();

        foreach (var (id, (zone, start, end)) in scene.PlayDays)
        {
            using var response = await scene.Organizer.Client.GetAsync($"/playdays/{id}/invite.ics");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ics = await response.Content.ReadAsStringAsync();
            var uid = (await _app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.CalendarUid).SingleAsync())).ToString();
            var (icalJs, icalNet) = await CalendarReaders.AssertInstantsAsync(ics, new Dictionary<string, (DateTime, DateTime)> { [uid] = (start, end) });
            Assert.Equal("PUBLISH", icalJs.Method);
            Assert.Equal("PUBLISH", icalNet.Method);
            Assert.Null(icalJs.Source); // a single download is no feed
            if (zone != "UTC")
            {
                Assert.Equal(zone, Assert.Single(icalJs.Events).StartZone);
                Assert.Equal(zone, Assert.Single(icalNet.Events).StartZone);
            }
        }
    }

    [Fact]
    public async Task The_site_feed_and_a_personal_feed_with_slots_read_back_at_our_instants_and_name_their_source()
    {
        var scene = await SceneAsync();
        var ours = await OursAsync(scene);
        var token = await CalendarFeedTests.CreateFeedTokenAsync(scene.Member);
        var calendarApp = _app.CreateBrowser();

        var site = await (await calendarApp.GetAsync($"/calendar.ics?token={token}")).Content.ReadAsStringAsync();
        var personal = await (await calendarApp.GetAsync($"/calendar/{token}.ics")).Content.ReadAsStringAsync();
        var inBrowser = await (await scene.Member.Client.GetAsync("/calendar.ics")).Content.ReadAsStringAsync();

        var (siteJs, siteNet) = await CalendarReaders.AssertInstantsAsync(site, ours);
        Assert.Equal("AI Play Days", siteJs.Name);
        Assert.Equal("AI Play Days", siteNet.Name);
        Assert.Equal(3600, siteJs.RefreshSeconds);
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}/calendar.ics?token={token}", siteJs.Source);
        Assert.Equal(siteJs.Source, siteNet.Source);
        // Each member's slot is the last 5 minutes of the play day (theirs is the only team).
        var withSlots = new Dictionary<string, (DateTime, DateTime)>(ours);
        var parsedPersonal = await IcalJs.ParseAsync(personal);
        foreach (var slot in parsedPersonal.Events.Where(e => e.Summary.StartsWith("Share-back:", StringComparison.Ordinal)))
        {
            var zone = slot.Summary["Share-back: Team in ".Length..^" (5 min)".Length];
            var end = scene.PlayDays.Values.Single(p => p.Zone == zone).End;
            withSlots[slot.Uid] = (end.AddMinutes(-5), end);
        }
        Assert.Equal(2 * Days.Length, withSlots.Count);
        var (personalJs, personalNet) = await CalendarReaders.AssertInstantsAsync(personal, withSlots);
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}/calendar/{token}.ics", personalJs.Source);
        Assert.Equal(personalJs.Source, personalNet.Source);
        // A browser's copy is fetched with a cookie, which a calendar app does not have: it names no source.
        var (browserJs, _) = await CalendarReaders.AssertInstantsAsync(inBrowser, ours);
        Assert.Null(browserJs.Source);
        Assert.Equal("AI Play Days", browserJs.Name);
    }

    [Fact]
    public async Task Every_invitation_and_cancellation_reads_back_at_our_instants_in_ical_js_and_Ical_Net()
    {
        var scene = await SceneAsync();
        var ours = await OursAsync(scene);

        foreach (var id in scene.PlayDays.Keys)
        {
            await scene.Organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });
            await scene.Organizer.SubmitAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "Testing every zone" });
        }

        var mails = await _app.WithDbAsync(db => db.OutgoingMails.Where(m => m.CalendarMethod != null).ToListAsync());
        Assert.Equal(2 * Days.Length, mails.Count);
        foreach (var mail in mails)
        {
            var uid = ours.Keys.Single(k => mail.Calendar!.Contains("UID:" + k, StringComparison.Ordinal));
            var (icalJs, icalNet) = await CalendarReaders.AssertInstantsAsync(mail.Calendar!, new Dictionary<string, (DateTime, DateTime)> { [uid] = ours[uid] });
            Assert.Equal(mail.CalendarMethod, icalJs.Method);
            Assert.Equal(mail.CalendarMethod, icalNet.Method);
            Assert.Equal(mail.CalendarMethod == "CANCEL" ? "CANCELLED" : "CONFIRMED", Assert.Single(icalNet.Events).Status);
            Assert.Equal(["mailto:sam@example.test"], Assert.Single(icalNet.Events).Attendees);
        }
    }

    [Fact]
    public async Task A_share_back_slot_in_the_hour_that_repeats_when_clocks_go_back_reads_back_at_its_instant()
    {
        // 31 October 2027 the clocks go back: Berlin's 02:00-03:00 and Dublin's 01:00-02:00 happen twice. Each play day ends
        // at 02:05Z, so of two 5-minute slots the first is 01:55-02:00Z: in the second pass of the repeated hour.
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var first = await Browser.RegisteredAsync(_app, "Tess Teammate");
        var second = await Browser.RegisteredAsync(_app, "Pat Participant");
        var berlin = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Night owls", date: "2027-10-31", start: "01:00", end: "03:05"));
        var dublin = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Night owls IE", date: "2027-10-31", start: "00:30", end: "02:05", zone: "Europe/Dublin"));
        foreach (var id in new[] { berlin, dublin })
        {
            await Board.BoardScene.CreateTeamAsync(first, id, $"First {id}");
            await Board.BoardScene.CreateTeamAsync(second, id, $"Second {id}");
        }
        var firstToken = await CalendarFeedTests.CreateFeedTokenAsync(first);
        var secondToken = await CalendarFeedTests.CreateFeedTokenAsync(second);

        var firstFeed = await (await _app.CreateBrowser().GetAsync($"/calendar/{firstToken}.ics")).Content.ReadAsStringAsync();
        var secondFeed = await (await _app.CreateBrowser().GetAsync($"/calendar/{secondToken}.ics")).Content.ReadAsStringAsync();

        var ours = await OursOfFeedAsync(firstFeed, new(2027, 10, 31, 1, 55, 0, DateTimeKind.Utc));
        await CalendarReaders.AssertInstantsAsync(firstFeed, ours);
        var unfolded = firstFeed.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Equal(2, unfolded.Split("DTSTART:20271031T015500Z\r\nDTEND:20271031T020000Z\r\n").Length - 1);
        await CalendarReaders.AssertInstantsAsync(secondFeed, await OursOfFeedAsync(secondFeed, new(2027, 10, 31, 2, 0, 0, DateTimeKind.Utc)));
        // After the repeat, local time means one instant again.
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20271031T030000\r\n", secondFeed, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Dublin:20271031T020000\r\n", secondFeed, StringComparison.Ordinal);
    }

    /// <summary>The feed's play days at their stored instants and its slots at <paramref name="slotStart"/>, 5 minutes long.</summary>
    private async Task<Dictionary<string, (DateTime, DateTime)>> OursOfFeedAsync(string ics, DateTime slotStart)
    {
        var ours = await _app.WithDbAsync(async db => (await db.PlayDays.ToListAsync())
            .ToDictionary(p => p.CalendarUid.ToString(), p => (DateTime.SpecifyKind(p.StartsAtUtc, DateTimeKind.Utc), DateTime.SpecifyKind(p.EndsAtUtc, DateTimeKind.Utc))));
        foreach (var slot in (await IcalJs.ParseAsync(ics)).Events.Where(e => e.Summary.StartsWith("Share-back:", StringComparison.Ordinal)))
        {
            ours[slot.Uid] = (slotStart, slotStart.AddMinutes(5));
        }
        return ours;
    }
}
