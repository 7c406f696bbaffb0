using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.PlayDays;

public sealed class TimeZoneTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    // Europe/Berlin moves to summer time at 02:00 on Sunday 28 March 2027 and back at 03:00 on 31 October 2027.
    [InlineData("2027-03-27", "2027-03-27T08:00:00Z", "Sat 27 Mar 2027, 09:00–13:00", "UTC+1")]
    [InlineData("2027-03-28", "2027-03-28T07:00:00Z", "Sun 28 Mar 2027, 09:00–13:00", "UTC+2")]
    [InlineData("2027-10-30", "2027-10-30T07:00:00Z", "Sat 30 Oct 2027, 09:00–13:00", "UTC+2")]
    [InlineData("2027-10-31", "2027-10-31T08:00:00Z", "Sun 31 Oct 2027, 09:00–13:00", "UTC+1")]
    public async Task Nine_oclock_in_Berlin_on_a_DST_weekend_is_stored_and_shown_correctly(string date, string utcStart, string shown, string offset)
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(date: date, start: "09:00", end: "13:00"));

        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        var expected = DateTime.Parse(utcStart, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, stored.StartsAtUtc);
        Assert.Equal(expected.AddHours(4), stored.EndsAtUtc);
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Equal(shown, page.One(".when time").TextContent.Trim());
        Assert.Equal($"Europe/Berlin ({offset})", page.One(".when .zone").TextContent.Trim());
        // The machine-readable instant, from which the browser shows the viewer's own time.
        Assert.Equal(utcStart, page.One(".when").GetAttribute("data-start")![..19] + "Z");
    }

    [Theory]
    [InlineData("2027-03-28", "02:30", "04:00", "Input.StartTime", "does not exist on 28 Mar 2027 in Europe/Berlin")]
    [InlineData("2027-03-28", "00:30", "02:15", "Input.EndTime", "does not exist on 28 Mar 2027 in Europe/Berlin")]
    [InlineData("2027-10-31", "02:30", "05:00", "Input.StartTime", "happens twice on 31 Oct 2027 in Europe/Berlin")]
    public async Task A_local_time_that_does_not_exist_or_happens_twice_is_rejected(string date, string start, string end, string field, string message)
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var response = await organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(date: date, start: start, end: end));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        var fieldError = page.One($"[data-valmsg-for='{field}']").TextContent;
        Assert.Contains(message, fieldError, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }

    [Fact]
    public async Task A_play_day_in_another_zone_keeps_its_own_zone_and_offset()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(zone: "Asia/Kolkata", start: "10:00", end: "14:00"));

        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Equal("Asia/Kolkata (UTC+5:30)", page.One(".when .zone").TextContent.Trim());
        var stored = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.Equal(new DateTime(2026, 12, 10, 4, 30, 0, DateTimeKind.Utc), stored.StartsAtUtc);
    }
}
