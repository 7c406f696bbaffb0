using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.PlayDays;

public sealed class NextQuarterTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Schedule_the_next_quarter_proposes_the_same_weekday_of_the_same_week_with_the_same_times()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        // Thursday 10 December 2026 is the 11th Thursday of 2026 Q4 (day 71 of the quarter).
        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(
            title: "AI Play Day 2026 Q4", date: "2026-12-10", start: "09:30", end: "15:00", zone: "America/New_York"));
        await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.ShareBackMinutes"] = "7", ["Input.VideoLink"] = "https://meet.example.com/ai" });

        var home = await organizer.GetPageAsync("/");
        var proposeLink = home.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Schedule the next quarter").GetAttribute("href");
        Assert.Equal($"/playdays/new?from={id}", proposeLink);
        var form = await organizer.GetPageAsync(proposeLink!);

        string Value(string name) => form.One($"[name='Input.{name}']").GetAttribute("value") ?? "";
        Assert.Equal("2027-03-18", Value("Date")); // the 11th Thursday of 2027 Q1
        Assert.Equal("09:30", Value("StartTime"));
        Assert.Equal("15:00", Value("EndTime"));
        Assert.Equal("America/New_York", Value("TimeZoneId"));
        Assert.Equal("7", Value("ShareBackMinutes"));
        Assert.Equal("AI Play Day 2027 Q1", Value("Title"));
        Assert.Equal("Atrium, 3rd floor", Value("Location"));
        Assert.Equal("https://meet.example.com/ai", Value("VideoLink"));

        // Nothing is created until the organizer confirms.
        Assert.Equal(1, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
        var confirmed = await organizer.SubmitAsync(proposeLink!, []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var next = await _app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.Id).LastAsync());
        Assert.Equal(new DateOnly(2027, 3, 18), next.Date);
        Assert.Equal(new DateTime(2027, 3, 18, 13, 30, 0, DateTimeKind.Utc), next.StartsAtUtc); // EDT, UTC-4
        Assert.Equal("2027 Q1", next.Quarter.ToString());
    }

    [Fact]
    public async Task Proposing_from_an_unknown_play_day_is_a_404()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var (status, _) = await organizer.GetAsync("/playdays/new?from=4242");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
