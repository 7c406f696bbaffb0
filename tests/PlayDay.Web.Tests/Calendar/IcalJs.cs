using System.Text.Json;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>Mozilla's ical.js (the parser Thunderbird uses), run with Node, as an independent reader of our .ics.</summary>
public static class IcalJs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ParsedEvent(string Uid, string Summary, int? Sequence, string? Status, DateTime StartUtc, DateTime EndUtc,
        string? StartZone, string? Organizer, List<string> Attendees, int Alarms);

    public sealed record ParsedCalendar(string? Method, List<ParsedEvent> Events, string? Name = null, string? Source = null, int? RefreshSeconds = null);

    public static async Task<ParsedCalendar> ParseAsync(string ics)
    {
        var script = Path.Combine(PlayDayApp.RepositoryRoot, "tests", "PlayDay.Web.Tests", "Calendar", "icaljs", "parse.mjs");
        var output = await ExternalProcess.RunAsync("node", [script], ics);
        return JsonSerializer.Deserialize<ParsedCalendar>(output, Json) ?? throw new InvalidOperationException("ical.js printed nothing.");
    }
}
