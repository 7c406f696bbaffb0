using System.Globalization;

namespace PlayDay.Web.Calendar;

/// <summary>
/// Builds a VTIMEZONE (RFC 5545 3.6.5) from the system's IANA data. It finds the zone's real
/// offset changes over the years asked for; where they follow a yearly rule ("last Sunday of
/// March at 02:00") it writes one STANDARD or DAYLIGHT part with that RRULE, otherwise one part
/// per change.
/// </summary>
public static class VTimeZone
{
    private sealed record Transition(DateTime Utc, TimeSpan From, TimeSpan To, bool ToDaylight)
    {
        /// <summary>The wall-clock time of the change, read in the offset before it (as DTSTART wants).</summary>
        public DateTime LocalBefore => Utc + From;
    }

    public static IEnumerable<string> Lines(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        // DateTime ends at year 9999 and the scan reads a year past the last: keep both ends inside it.
        firstYear = Math.Clamp(firstYear, 1, 9998);
        lastYear = Math.Clamp(lastYear, firstYear, 9998);
        yield return "BEGIN:VTIMEZONE";
        yield return "TZID:" + zone.Id;
        var transitions = Transitions(zone, firstYear, lastYear);
        if (transitions.Count == 0)
        {
            var offset = zone.GetUtcOffset(new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            foreach (var line in Observance(false, new DateTime(1970, 1, 1), offset, offset, null))
            {
                yield return line;
            }
        }
        else
        {
            foreach (var group in transitions.GroupBy(t => (t.From, t.To, t.ToDaylight, t.LocalBefore.Month, t.LocalBefore.DayOfWeek, t.LocalBefore.TimeOfDay)))
            {
                var changes = group.ToList();
                var rule = YearlyRule(changes, firstYear, lastYear);
                var observances = rule is null ? changes : changes.Take(1);
                foreach (var change in observances)
                {
                    foreach (var line in Observance(change.ToDaylight, change.LocalBefore, change.From, change.To, rule))
                    {
                        yield return line;
                    }
                }
            }
        }
        yield return "END:VTIMEZONE";
    }

    private static IEnumerable<string> Observance(bool daylight, DateTime start, TimeSpan from, TimeSpan to, string? rule)
    {
        var kind = daylight ? "DAYLIGHT" : "STANDARD";
        yield return "BEGIN:" + kind;
        yield return "DTSTART:" + start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        if (rule is not null)
        {
            yield return "RRULE:" + rule;
        }
        yield return "TZOFFSETFROM:" + Offset(from);
        yield return "TZOFFSETTO:" + Offset(to);
        yield return "END:" + kind;
    }

    /// <summary>"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" when the changes happen every year on the same rule, else null.</summary>
    private static string? YearlyRule(List<Transition> changes, int firstYear, int lastYear)
    {
        var years = changes.Select(c => c.LocalBefore.Year).ToList();
        if (years.Count != lastYear - firstYear + 1 || years.Distinct().Count() != years.Count || years.Min() != firstYear)
        {
            return null;
        }
        var day = Weekday(changes[0].LocalBefore.DayOfWeek);
        var month = changes[0].LocalBefore.Month;
        if (changes.All(c => c.LocalBefore.Day + 7 > DateTime.DaysInMonth(c.LocalBefore.Year, month)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"FREQ=YEARLY;BYMONTH={month};BYDAY=-1{day}");
        }
        var nth = (changes[0].LocalBefore.Day - 1) / 7 + 1;
        return changes.All(c => (c.LocalBefore.Day - 1) / 7 + 1 == nth)
            ? string.Create(CultureInfo.InvariantCulture, $"FREQ=YEARLY;BYMONTH={month};BYDAY={nth}{day}")
            : null;
    }

    private static List<Transition> Transitions(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        var transitions = new List<Transition>();
        var at = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(lastYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(at);
        while (at < end)
        {
            var next = at.AddDays(1);
            var nextOffset = zone.GetUtcOffset(next);
            if (nextOffset != offset)
            {
                // Narrow the change down to the minute.
                var (low, high) = (at, next);
                while (high - low > TimeSpan.FromMinutes(1))
                {
                    var middle = low + (high - low) / 2;
                    middle = new DateTime(middle.Ticks - middle.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
                    if (middle <= low)
                    {
                        break;
                    }
                    (low, high) = zone.GetUtcOffset(middle) == offset ? (middle, high) : (low, middle);
                }
                transitions.Add(new Transition(high, offset, nextOffset, zone.IsDaylightSavingTime(high)));
                offset = nextOffset;
            }
            at = next;
        }
        return transitions;
    }

    private static string Weekday(DayOfWeek day) => day.ToString()[..2].ToUpperInvariant();

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}{abs.Minutes:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}{abs.Minutes:00}{abs.Seconds:00}");
    }
}
