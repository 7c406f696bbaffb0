using PlayDay.Web.Calendar;
using static PlayDay.Web.Tests.Calendar.IcalJs;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>Reads a calendar with both independent readers, ical.js and Ical.Net, and checks that each takes our instants from it.</summary>
public static class CalendarReaders
{
    /// <summary>Both readers' view of <paramref name="ics"/>, after checking that every event's instants are <paramref name="ours"/> (by UID).</summary>
    public static async Task<(ParsedCalendar IcalJs, ParsedCalendar IcalNet)> AssertInstantsAsync(string ics, IReadOnlyDictionary<string, (DateTime Start, DateTime End)> ours)
    {
        var icalJs = await IcalJs.ParseAsync(ics);
        var icalNet = IcalNet.Parse(ics);
        foreach (var (reader, parsed) in new[] { ("ical.js", icalJs), ("Ical.Net", icalNet) })
        {
            Assert.Equal(ours.Count, parsed.Events.Count);
            foreach (var e in parsed.Events)
            {
                Assert.True(ours.TryGetValue(e.Uid, out var expected), $"{reader} read an event we did not write: {e.Uid} {e.Summary}.");
                Assert.True(expected.Start == e.StartUtc && expected.End == e.EndUtc,
                    $"{reader} read {e.Summary} as {e.StartUtc:O}–{e.EndUtc:O}; we meant {expected.Start:O}–{expected.End:O}.");
            }
        }
        return (icalJs, icalNet);
    }

    public static Task<(ParsedCalendar IcalJs, ParsedCalendar IcalNet)> AssertInstantsAsync(string ics, IEnumerable<CalendarEvent> events) =>
        AssertInstantsAsync(ics, events.ToDictionary(e => e.Uid.ToString(), e => (e.StartsAtUtc, e.EndsAtUtc)));
}
