using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.PlayDays;

public sealed class ValidationTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        // field, value, expected message (part), label for the case
        { "Input.EndTime", "12:00", "The end time must be after the start time.", "end before start" },
        { "Input.EndTime", "13:00", "The end time must be after the start time.", "end equals start" },
        { "Input.Date", "2026-11-01", "A new play day must start in the future.", "in the past" },
        { "Input.TimeZoneId", "Mars/Olympus_Mons", "“Mars/Olympus_Mons” is not a time zone we know.", "unknown zone" },
        { "Input.Title", new string('x', 121), "The title can be at most 120 characters.", "over-long title" },
        { "Input.Title", "", "Give the play day a title.", "missing title" },
        { "Input.Location", new string('x', 201), "The location can be at most 200 characters.", "over-long location" },
        { "Input.VideoLink", "javascript:alert(1)", "The video link must be a full web address", "script link" },
        { "Input.ShareBackMinutes", "0", "A share-back lasts between 1 and 30 minutes.", "zero-minute share-backs" },
        { "Input.Date", "2026-02-30", "is not valid", "impossible date" },
        { "Input.Date", "9999-12-10", "Pick a date between 1 Jan 2000 and 31 Dec 2099; 10 Dec 9999 is outside that.", "year 9999" },
        { "Input.Date", "2100-01-01", "Pick a date between 1 Jan 2000 and 31 Dec 2099", "year 2100" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task A_bad_field_gets_a_clear_message_on_the_form_and_nothing_is_saved(string field, string value, string message, string label)
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var fields = PlayDayForms.Fields();
        fields[field] = value;

        var response = await organizer.SubmitAsync("/playdays/new", fields);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: {(int)response.StatusCode}");
        var page = await Browser.ParseAsync(response);
        Assert.Contains(Browser.ErrorsOn(page), e => e.Contains(message, StringComparison.Ordinal));
        // The form keeps what was typed.
        Assert.Equal(fields["Input.Location"], page.One("input[name='Input.Location']").GetAttribute("value"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }

    [Fact]
    public async Task A_play_day_longer_than_twelve_hours_is_refused()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var response = await organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(start: "06:00", end: "18:30"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A play day can last at most 12 hours.", Browser.ErrorsOn(await Browser.ParseAsync(response)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }

    [Fact]
    public async Task A_play_day_needs_a_location_or_a_video_link()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var response = await organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(location: ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give a location, a video link, or both.", Browser.ErrorsOn(await Browser.ParseAsync(response)));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var response = await organizer.PostWithoutTokenAsync("/playdays/new", PlayDayForms.Fields());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }
}
