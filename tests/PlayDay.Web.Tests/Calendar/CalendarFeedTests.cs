using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Calendar;

public sealed class CalendarFeedTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    internal static async Task<string> CreateFeedTokenAsync(Browser browser)
    {
        var response = await browser.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetPageAsync("/me");
        var url = page.One("#feed-url").GetAttribute("value")!;
        Assert.StartsWith($"{PlayDayApp.PublicBaseUrl}/calendar/", url, StringComparison.Ordinal);
        Assert.Equal("webcal://playday.example.test" + new Uri(url).PathAndQuery, page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Subscribe", StringComparison.Ordinal)).GetAttribute("href"));
        return url[($"{PlayDayApp.PublicBaseUrl}/calendar/".Length)..^".ics".Length];
    }

    [Fact]
    public async Task The_download_is_a_PUBLISH_that_ical_js_reads_with_the_right_instants()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(date: "2027-03-28", start: "09:00", end: "13:00"));

        using var response = await organizer.Client.GetAsync($"/playdays/{id}/invite.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"playday-{id}.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var parsed = await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("PUBLISH", parsed.Method);
        var e = Assert.Single(parsed.Events);
        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.Equal(stored.CalendarUid.ToString(), e.Uid);
        Assert.Equal("AI Play Day 2026 Q4", e.Summary);
        Assert.Equal(0, e.Sequence);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Equal(new DateTime(2027, 3, 28, 7, 0, 0, DateTimeKind.Utc), e.StartUtc); // 09:00 CEST, the day clocks change
        Assert.Equal(new DateTime(2027, 3, 28, 11, 0, 0, DateTimeKind.Utc), e.EndUtc);
        Assert.Equal("Europe/Berlin", e.StartZone);
        Assert.Equal(1, e.Alarms);
    }

    [Fact]
    public async Task A_personal_feed_works_without_a_cookie_and_lists_every_play_day_with_cancelled_ones_marked()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var kept = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Kept", date: "2026-12-10"));
        var dropped = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Dropped", date: "2027-03-11", zone: "America/New_York"));
        await organizer.SubmitAsync($"/playdays/{dropped}/cancel", []);
        var token = await CreateFeedTokenAsync(organizer);
        var calendarApp = _app.CreateBrowser(); // no cookie

        using var response = await calendarApp.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var parsed = await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("PUBLISH", parsed.Method);
        Assert.Equal(2, parsed.Events.Count);
        var keptEvent = parsed.Events.Single(e => e.Summary == "Kept");
        Assert.Equal("CONFIRMED", keptEvent.Status);
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), keptEvent.StartUtc);
        var droppedEvent = parsed.Events.Single(e => e.Summary == "[Cancelled] Dropped");
        Assert.Equal("CANCELLED", droppedEvent.Status);
        Assert.Equal(1, droppedEvent.Sequence);
        Assert.Equal(new DateTime(2027, 3, 11, 18, 0, 0, DateTimeKind.Utc), droppedEvent.StartUtc); // 13:00 EST; US DST starts 14 March
        Assert.Equal(0, droppedEvent.Alarms);
        Assert.NotEqual(kept, dropped);
    }

    [Fact]
    public async Task The_site_feed_opens_with_a_token_or_a_sign_in_and_is_404_otherwise()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        await PlayDayForms.ScheduleAsync(organizer);
        var token = await CreateFeedTokenAsync(organizer);
        var calendarApp = _app.CreateBrowser();

        using var withToken = await calendarApp.GetAsync($"/calendar.ics?token={token}");
        using var withCookie = await organizer.Client.GetAsync("/calendar.ics");
        using var withNothing = await calendarApp.GetAsync("/calendar.ics");
        using var withWrongToken = await calendarApp.GetAsync("/calendar.ics?token=not-a-real-token");

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Single((await IcalJs.ParseAsync(await withToken.Content.ReadAsStringAsync())).Events);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withNothing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withWrongToken.StatusCode);
        Assert.Contains("no calendar feed at this address", await withWrongToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_reset_or_revoked_token_is_a_404()
    {
        var participant = await Browser.RegisteredAsync(_app, "Pat Participant");
        var calendarApp = _app.CreateBrowser();
        var first = await CreateFeedTokenAsync(participant);

        var second = await CreateFeedTokenAsync(participant); // "Reset my link"
        using var oldLink = await calendarApp.GetAsync($"/calendar/{first}.ics");
        using var newLink = await calendarApp.GetAsync($"/calendar/{second}.ics");
        using var guessed = await calendarApp.GetAsync("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");
        var revoke = await participant.SubmitAsync("/me", [], "form[action*='handler=RevokeFeed']");
        using var revoked = await calendarApp.GetAsync($"/calendar/{second}.ics");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, oldLink.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Null((await participant.GetPageAsync("/me")).QuerySelector("#feed-url"));
    }

    [Fact]
    public async Task A_personal_feed_includes_the_share_back_slot_of_the_persons_own_team()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer); // 10 Dec 2026, 13:00-17:00 Berlin = 12:00-16:00 UTC
        var member = await Browser.RegisteredAsync(_app, "Tess Teammate");
        await Board.BoardScene.CreateTeamAsync(organizer, id, "First Team");
        await Board.BoardScene.CreateTeamAsync(member, id, "Prompt Pirates");
        var memberToken = await CreateFeedTokenAsync(member);
        var bystanderToken = await CreateFeedTokenAsync(await Browser.RegisteredAsync(_app, "Rey Reactor"));

        using var mine = await _app.CreateBrowser().GetAsync($"/calendar/{memberToken}.ics");
        using var theirs = await _app.CreateBrowser().GetAsync($"/calendar/{bystanderToken}.ics");

        var parsed = await IcalJs.ParseAsync(await mine.Content.ReadAsStringAsync());
        var slot = parsed.Events.Single(e => e.Summary.StartsWith("Share-back:", StringComparison.Ordinal));
        Assert.Equal("Share-back: Prompt Pirates (5 min)", slot.Summary);
        // Second of two teams: the share-backs fill the end of the day, so 15:55-16:00 UTC.
        Assert.Equal(new DateTime(2026, 12, 10, 15, 55, 0, DateTimeKind.Utc), slot.StartUtc);
        Assert.Equal(new DateTime(2026, 12, 10, 16, 0, 0, DateTimeKind.Utc), slot.EndUtc);
        var again = await IcalJs.ParseAsync(await (await _app.CreateBrowser().GetAsync($"/calendar/{memberToken}.ics")).Content.ReadAsStringAsync());
        Assert.Equal(slot.Uid, again.Events.Single(e => e.Summary.StartsWith("Share-back:", StringComparison.Ordinal)).Uid);
        Assert.DoesNotContain((await IcalJs.ParseAsync(await theirs.Content.ReadAsStringAsync())).Events, e => e.Summary.StartsWith("Share-back:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_download_needs_a_sign_in()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        using var response = await _app.CreateBrowser().GetAsync($"/playdays/{id}/invite.ics");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
