using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>An old database may hold a play day the form would now refuse (year 9999): every calendar still answers.</summary>
public sealed class OutOfRangeDateTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> StoredPlayDayAsync(DateOnly date, string zone) =>
        _app.WithDbAsync(async db =>
        {
            var playDay = new PlayDayEvent { Title = $"Typo day {date:yyyy}", Location = "Atrium", CreatedAtUtc = _app.Clock.GetUtcNow().UtcDateTime, CreatedBy = "an old version" };
            playDay.Reschedule(new PlayDayTimes(date, new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById(zone)));
            db.PlayDays.Add(playDay);
            await db.SaveChangesAsync();
            return playDay.Id;
        });

    [Fact]
    public async Task A_stored_play_day_in_year_9999_leaves_every_feed_answering_with_a_calendar_ical_js_reads()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var member = await Browser.RegisteredAsync(_app, "Tess Teammate");
        await PlayDayForms.ScheduleAsync(organizer);
        var far = await StoredPlayDayAsync(new DateOnly(9999, 12, 30), "Europe/Berlin");
        await StoredPlayDayAsync(new DateOnly(9999, 12, 31), "Etc/UTC");
        await Board.BoardScene.CreateTeamAsync(member, far, "Far Future");
        await organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        await member.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        var memberToken = await _app.WithDbAsync(db => db.Users.Where(u => u.DisplayName == "Tess Teammate").Select(u => u.CalendarFeedToken).SingleAsync());

        using var site = await organizer.Client.GetAsync("/calendar.ics");
        using var personal = await _app.CreateBrowser().GetAsync($"/calendar/{memberToken}.ics");
        using var download = await organizer.Client.GetAsync($"/playdays/{far}/invite.ics");

        foreach (var (response, events) in new[] { (site, 3), (personal, 4), (download, 1) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var parsed = await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.Equal(events, parsed.Events.Count);
        }
        var farEvent = (await IcalJs.ParseAsync(await site.Content.ReadAsStringAsync())).Events.Single(e => e.Summary == "Typo day 9999" && e.StartZone == "Europe/Berlin");
        Assert.Equal(new DateTime(9999, 12, 30, 12, 0, 0, DateTimeKind.Utc), farEvent.StartUtc);
        foreach (var page in new[] { "/", $"/playdays/{far}", $"/playdays/{far}/edit", "/api/playdays" })
        {
            Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync(page)).Status);
        }
    }

    [Fact]
    public async Task Proposing_the_next_quarter_after_a_year_9999_play_day_leaves_the_date_to_the_organizer()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var far = await StoredPlayDayAsync(new DateOnly(9999, 12, 30), "Europe/Berlin");

        var (status, _) = await organizer.GetAsync($"/playdays/new?from={far}");
        var form = await organizer.GetPageAsync($"/playdays/new?from={far}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", form.One("[name='Input.Date']").GetAttribute("value") ?? "");
        Assert.Equal("13:00", form.One("[name='Input.StartTime']").GetAttribute("value"));
    }
}
