using System.Collections.Concurrent;
using Ical.Net;
using NodaTime;
using NodaTime.TimeZones;
using static PlayDay.Web.Tests.Calendar.IcalJs;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>
/// Ical.Net as a second independent reader of our .ics. It does not read VTIMEZONE: it resolves
/// each TZID itself, here through the system's tz data (as the app does) rather than the copy built
/// into NodaTime, so it checks our TZIDs and local times, and ical.js checks our VTIMEZONEs.
/// </summary>
public static class IcalNet
{
    private static readonly ConcurrentDictionary<string, DateTimeZone> Zones = new(StringComparer.Ordinal);

    static IcalNet() =>
        TimeZoneResolvers.TimeZoneResolver = id => Zones.GetOrAdd(id, static id => BclDateTimeZone.FromTimeZoneInfo(TimeZoneInfo.FindSystemTimeZoneById(id)));

    public static ParsedCalendar Parse(string ics)
    {
        var calendar = Ical.Net.Calendar.Load(ics) ?? throw new InvalidOperationException("Ical.Net read no calendar.");
        var events = calendar.Events.Select(e => new ParsedEvent(
            e.Uid!,
            e.Summary!,
            e.Sequence,
            e.Status,
            e.DtStart!.AsUtc,
            e.DtEnd!.AsUtc,
            e.DtStart.TzId,
            e.Organizer?.Value?.ToString(),
            e.Attendees.Select(a => a.Value!.ToString()).ToList(),
            e.Alarms.Count)).ToList();
        return new ParsedCalendar(calendar.Method, events, Text(calendar, "NAME"), Text(calendar, "SOURCE"), null);
    }

    private static string? Text(Ical.Net.Calendar calendar, string name) => calendar.Properties.Get<object>(name)?.ToString();
}
