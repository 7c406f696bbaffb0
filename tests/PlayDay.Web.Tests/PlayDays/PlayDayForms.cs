using System.Net;

namespace PlayDay.Web.Tests.PlayDays;

/// <summary>Shared steps for tests that schedule play days through the real form.</summary>
public static class PlayDayForms
{
    public static Dictionary<string, string> Fields(string title = "AI Play Day 2026 Q4", string date = "2026-12-10",
        string start = "13:00", string end = "17:00", string zone = "Europe/Berlin", string location = "Atrium, 3rd floor") => new()
    {
        ["Input.Title"] = title,
        ["Input.Date"] = date,
        ["Input.StartTime"] = start,
        ["Input.EndTime"] = end,
        ["Input.TimeZoneId"] = zone,
        ["Input.Location"] = location,
    };

    /// <summary>Schedules a play day and returns its id, read from the redirect to its page.</summary>
    public static async Task<int> ScheduleAsync(Browser organizer, Dictionary<string, string>? fields = null)
    {
        var response = await organizer.SubmitAsync("/playdays/new", fields ?? Fields());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Scheduling failed with {(int)response.StatusCode}: {string.Join(" | ", Browser.ErrorsOn(await Browser.ParseAsync(response)))}");
        var path = response.LocationPath();
        Assert.Matches(@"^/playdays/\d+$", path);
        return int.Parse(path["/playdays/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
