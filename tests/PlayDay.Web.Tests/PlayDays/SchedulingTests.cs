using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.PlayDays;

public sealed class SchedulingTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_organizer_schedules_a_play_day_that_lives_at_its_own_url()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "AI Play Day 2026 Q4"));

        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Equal("AI Play Day 2026 Q4", page.One("h1").TextContent.Trim());
        Assert.Equal("2026 Q4", page.One(".quarter").TextContent.Trim());
        Assert.Equal("Thu 10 Dec 2026, 13:00–17:00", page.One(".when time").TextContent.Trim());
        Assert.Equal("Europe/Berlin (UTC+1)", page.One(".when .zone").TextContent.Trim());
        Assert.Contains("Atrium, 3rd floor", page.One(".facts").TextContent, StringComparison.Ordinal);
        Assert.Contains("5 minutes per team", page.One(".facts").TextContent, StringComparison.Ordinal);
        // The brief was prefilled from templates/playday.md and is rendered as Markdown.
        Assert.NotNull(page.QuerySelector(".markdown h2"));

        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), stored.StartsAtUtc);
        Assert.Equal(new DateTime(2026, 12, 10, 16, 0, 0, DateTimeKind.Utc), stored.EndsAtUtc);
        Assert.Equal("Olu Organizer", stored.CreatedBy);
    }

    [Fact]
    public async Task The_new_play_day_form_starts_from_the_brief_template_on_disk()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var template = await File.ReadAllTextAsync(Path.Combine(PlayDayApp.RepositoryRoot, "templates", "playday.md"));

        var page = await organizer.GetPageAsync("/playdays/new");

        Assert.Equal(template.Trim().ReplaceLineEndings("\n"), page.One("textarea[name='Input.Brief']").TextContent.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("Europe/Berlin", page.One("input[name='Input.TimeZoneId']").GetAttribute("value"));
    }

    [Fact]
    public async Task Editing_a_play_day_saves_it_and_records_who_changed_what_in_the_change_log()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/edit", new()
        {
            ["Input.Title"] = "AI Play Day: agents",
            ["Input.StartTime"] = "14:00",
            ["Input.Location"] = "Room 101",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/playdays/{id}", response.LocationPath());
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Equal("AI Play Day: agents", page.One("h1").TextContent.Trim());
        var log = page.One(".change-log").TextContent;
        Assert.Contains("Olu Organizer", log, StringComparison.Ordinal);
        Assert.Contains("Title: “AI Play Day 2026 Q4” → “AI Play Day: agents”", log, StringComparison.Ordinal);
        Assert.Contains("Time: “Thu 10 Dec 2026, 13:00–17:00 Europe/Berlin” → “Thu 10 Dec 2026, 14:00–17:00 Europe/Berlin”", log, StringComparison.Ordinal);
        Assert.Contains("Location: “Atrium, 3rd floor” → “Room 101”", log, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.Equal(new DateTime(2026, 12, 10, 13, 0, 0, DateTimeKind.Utc), stored.StartsAtUtc);
    }

    [Fact]
    public async Task Two_organizers_editing_at_once_cannot_overwrite_each_other_unseen()
    {
        var first = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(first);
        var second = await Browser.RegisteredAsync(_app, "Cy Cohost");
        var secondId = await _app.WithDbAsync(db => db.Users.Where(u => u.DisplayName == "Cy Cohost").Select(u => u.Id).SingleAsync());
        await first.SubmitAsync("/people", [], $"form[action*='handler=Promote'][action*='{secondId}']");
        await second.SubmitAsync("/account/login", new() { ["Input.Email"] = "cy@example.test", ["Input.Password"] = Browser.Password });
        var staleForm = await second.GetPageAsync($"/playdays/{id}/edit");
        var staleFields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = staleForm.One("main form input[name='__RequestVerificationToken']").GetAttribute("value")!,
            ["Input.Version"] = staleForm.One("input[name='Input.Version']").GetAttribute("value")!,
        };
        foreach (var (name, value) in PlayDayForms.Fields(title: "Cy's title"))
        {
            staleFields[name] = value;
        }

        await first.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.Title"] = "Olu's title" });
        var late = await second.Client.PostAsync($"/playdays/{id}/edit", new FormUrlEncodedContent(staleFields));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await Browser.ParseAsync(late);
        Assert.Contains("Someone else saved this play day while you were editing.", Browser.ErrorsOn(page).Single(), StringComparison.Ordinal);
        Assert.Equal("Olu's title", page.One("input[name='Input.Title']").GetAttribute("value"));
        Assert.Equal("Olu's title", await _app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task Saving_an_unchanged_play_day_adds_nothing_to_the_change_log()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/edit", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDayChanges.CountAsync()));
    }

    [Fact]
    public async Task Cancelling_keeps_the_play_day_visible_as_cancelled_and_stops_further_edits()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "Office move" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("Cancelled", page.One("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("This play day is cancelled.", page.One(".notice.warning").TextContent, StringComparison.Ordinal);
        Assert.Contains("Office move", page.One(".notice.warning").TextContent, StringComparison.Ordinal);
        Assert.Contains("Cancelled: Office move", page.One(".change-log").TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"a[href='/playdays/{id}/edit']"));

        var home = await organizer.GetPageAsync("/");
        var listed = home.QuerySelectorAll(".playday-list li").Single(li => li.QuerySelector($"a[href='/playdays/{id}']") is not null);
        Assert.Equal("Cancelled", listed.One(".badge").TextContent.Trim());
        Assert.Contains("No play day is scheduled yet", home.One(".next-playday").TextContent, StringComparison.Ordinal);

        var edit = await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.Title"] = "Back on" });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("cancelled and can no longer be edited", string.Join(" ", Browser.ErrorsOn(await Browser.ParseAsync(edit))), StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.True(stored.IsCancelled);
        Assert.Equal("AI Play Day 2026 Q4", stored.Title);
    }

    [Fact]
    public async Task The_home_page_shows_the_next_play_day_first_then_upcoming_then_past()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var later = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Later one", date: "2027-02-11"));
        var next = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Next one", date: "2026-12-10"));
        var past = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Past one", date: "2026-11-19"));
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

        var home = await organizer.GetPageAsync("/");

        Assert.Equal("Next one", home.One(".next-playday h3").TextContent.Trim());
        Assert.Equal(["Later one"], home.QuerySelectorAll("section[aria-labelledby='upcoming-heading'] li > a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Past one"], home.QuerySelectorAll("section[aria-labelledby='past-heading'] li > a").Select(a => a.TextContent.Trim()));
        Assert.NotEqual(later, next);
        Assert.NotEqual(next, past);
    }

    [Fact]
    public async Task An_unknown_play_day_is_a_404_page()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var (status, page) = await organizer.GetAsync("/playdays/999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Not found", page.One("h1").TextContent.Trim());
    }
}
