using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PlayDay.Web.Calendar;

/// <summary>
/// Builds a VTIMEZONE (RFC 5545 3.6.5) from the system's IANA data for the years asked for, in the
/// shape Outlook accepts:
/// <list type="bullet">
/// <item>the zone's real offset changes in those years are found with <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/>,
/// so the file says exactly what the app computes;</item>
/// <item>changes that repeat every year on one rule ("last Sunday of March at 02:00") become one part
/// with DTSTART and RRULE; when the rule changed within the years (the US in 2007) the earlier rule
/// ends with UNTIL, and the rule still in force at the end has none;</item>
/// <item>a zone without changes in those years (Asia/Tokyo) has a single STANDARD part;</item>
/// <item>of a yearly pair of changes, the higher offset is DAYLIGHT and the lower STANDARD, whatever
/// the IANA data calls them: Europe/Dublin's "negative daylight saving" winter is written as STANDARD
/// GMT, summer as DAYLIGHT IST, as Outlook and most clients expect; a lasting change is STANDARD;</item>
/// <item>changes that follow no weekday rule (Africa/Casablanca's Ramadan) are listed with RDATE in one
/// part per kind of change, so the parts stay few however long the span;</item>
/// <item>TZNAME is the IANA abbreviation of the zone's current rule (the POSIX TZ line at the end of
/// its TZif file: CET/CEST, GMT/IST, AEST/AEDT); an offset that rule does not use is named the way
/// IANA names zones without an abbreviation ("+04", "+0530").</item>
/// </list>
/// </summary>
public static class VTimeZone
{
    private sealed record Change(DateTime Utc, TimeSpan From, TimeSpan To)
    {
        /// <summary>The wall-clock time of the change, read in the offset before it (as DTSTART wants).</summary>
        public DateTime LocalBefore => Utc + From;

        public bool Daylight { get; init; }
    }

    private sealed record Part(bool Daylight, DateTime Start, TimeSpan From, TimeSpan To, string? Rule, IReadOnlyList<DateTime> MoreStarts);

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<TimeSpan, string>> Abbreviations = new(StringComparer.Ordinal);

    public static IEnumerable<string> Lines(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        // DateTime ends at year 9999 and the scan reads a year past the last: keep both ends inside it.
        firstYear = Math.Clamp(firstYear, 1, 9997);
        lastYear = Math.Clamp(lastYear, firstYear, 9997);
        var names = AbbreviationsOf(zone);
        var lines = new List<string> { "BEGIN:VTIMEZONE", "TZID:" + zone.Id };
        foreach (var part in Parts(zone, firstYear, lastYear).OrderBy(p => p.Daylight).ThenBy(p => p.Start))
        {
            var kind = part.Daylight ? "DAYLIGHT" : "STANDARD";
            lines.Add("BEGIN:" + kind);
            lines.Add("DTSTART:" + Local(part.Start));
            if (part.Rule is not null)
            {
                lines.Add("RRULE:" + part.Rule);
            }
            lines.AddRange(part.MoreStarts.Select(start => "RDATE:" + Local(start)));
            lines.Add("TZOFFSETFROM:" + Offset(part.From));
            lines.Add("TZOFFSETTO:" + Offset(part.To));
            lines.Add("TZNAME:" + (names.TryGetValue(part.To, out var name) ? name : NumericName(part.To)));
            lines.Add("END:" + kind);
        }
        lines.Add("END:VTIMEZONE");
        return lines;
    }

    private static List<Part> Parts(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        // One year more than asked, only to see whether the last daylight saving of the span ends again.
        var scanned = Changes(zone, firstYear, lastYear + 1);
        var changes = new List<Change>();
        for (var i = 0; i < scanned.Count && scanned[i].Utc.Year <= lastYear; i++)
        {
            var change = scanned[i];
            var next = i + 1 < scanned.Count ? scanned[i + 1] : null;
            // Daylight saving is the higher offset of a pair that goes back within a year; a lasting change is standard time.
            var daylight = change.To > change.From && next is not null && next.From == change.To && next.To == change.From && next.Utc <= change.Utc.AddYears(1);
            changes.Add(change with { Daylight = daylight });
        }

        var parts = new List<Part>();
        // The events start a year after the first year asked for; a zone that changed nothing in that year needs its offset then.
        if (changes.Count == 0 || changes[0].LocalBefore.Year > firstYear)
        {
            var offset = zone.GetUtcOffset(new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            parts.Add(new Part(false, new DateTime(1970, 1, 1), offset, offset, null, []));
        }
        var oneOff = new List<Change>();
        foreach (var group in changes.GroupBy(c => (c.Daylight, c.From, c.To, c.LocalBefore.Month, c.LocalBefore.DayOfWeek, c.LocalBefore.TimeOfDay)))
        {
            var run = new List<Change>();
            foreach (var change in group)
            {
                if (run.Count > 0 && (change.LocalBefore.Year != run[^1].LocalBefore.Year + 1 || YearlyRule([.. run, change]) is null))
                {
                    Close(run);
                    run = [];
                }
                run.Add(change);
            }
            Close(run);
        }
        foreach (var kind in oneOff.GroupBy(c => (c.Daylight, c.From, c.To)))
        {
            var starts = kind.Select(c => c.LocalBefore).ToList();
            // DTSTART is the first onset, and RDATE repeats it: ical.js reads only the RDATEs of a part that has any.
            parts.Add(new Part(kind.Key.Daylight, starts[0], kind.Key.From, kind.Key.To, null, starts.Count > 1 ? starts : []));
        }
        return parts;

        void Close(List<Change> run)
        {
            if (run.Count < 2)
            {
                oneOff.AddRange(run);
                return;
            }
            var rule = YearlyRule(run)!;
            // A rule still followed in the last year is the zone's current one and runs on; an earlier one ends (UNTIL is in UTC, 3.3.10).
            var until = run[^1].LocalBefore.Year >= lastYear ? "" : ";UNTIL=" + IcsWriter.UtcStamp(run[^1].Utc);
            parts.Add(new Part(run[0].Daylight, run[0].LocalBefore, run[0].From, run[0].To, "FREQ=YEARLY;" + rule + until, []));
        }
    }

    /// <summary>
    /// "BYMONTH=3;BYDAY=-1SU" when every change falls on that weekday rule, else null. The rules are
    /// the last weekday of the month, the nth weekday, or the weekday on or after a day (Chile's
    /// "Sunday on or after the 2nd": BYDAY=SU;BYMONTHDAY=2,...,8).
    /// </summary>
    private static string? YearlyRule(List<Change> changes)
    {
        var month = changes[0].LocalBefore.Month;
        var day = Weekday(changes[0].LocalBefore.DayOfWeek);
        var days = changes.Select(c => c.LocalBefore.Day).ToList();
        if (changes.All(c => c.LocalBefore.Day + 7 > DateTime.DaysInMonth(c.LocalBefore.Year, month)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"BYMONTH={month};BYDAY=-1{day}");
        }
        var nth = (days[0] - 1) / 7 + 1;
        if (days.All(d => (d - 1) / 7 + 1 == nth))
        {
            return string.Create(CultureInfo.InvariantCulture, $"BYMONTH={month};BYDAY={nth}{day}");
        }
        if (days.Max() - days.Min() <= 6)
        {
            var first = days.Max() - 6;
            var monthDays = string.Join(',', Enumerable.Range(first, 7).Select(d => d.ToString(CultureInfo.InvariantCulture)));
            return string.Create(CultureInfo.InvariantCulture, $"BYMONTH={month};BYDAY={day};BYMONTHDAY={monthDays}");
        }
        return null;
    }

    /// <summary>Every change of offset from the start of <paramref name="firstYear"/> to the end of <paramref name="lastYear"/>, to the second.</summary>
    private static List<Change> Changes(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        var changes = new List<Change>();
        var at = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(lastYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(at);
        while (at < end)
        {
            var next = at.AddDays(1);
            var nextOffset = zone.GetUtcOffset(next);
            if (nextOffset != offset)
            {
                var (low, high) = (at, next);
                while (high - low > TimeSpan.FromSeconds(1))
                {
                    var middle = low + (high - low) / 2;
                    middle = new DateTime(middle.Ticks - middle.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                    (low, high) = zone.GetUtcOffset(middle) == offset ? (middle, high) : (low, middle);
                }
                changes.Add(new Change(high, offset, nextOffset));
                offset = nextOffset;
            }
            at = next;
        }
        return changes;
    }

    /// <summary>
    /// The abbreviations of the zone's current rule, by offset, from the POSIX TZ string that ends a
    /// TZif file ("CET-1CEST,M3.5.0,M10.5.0/3", "IST-1GMT0,...", "&lt;+1030&gt;-10:30&lt;+11&gt;-11,...").
    /// Empty where there is no such file (Windows): every name is then numeric.
    /// </summary>
    private static IReadOnlyDictionary<TimeSpan, string> AbbreviationsOf(TimeZoneInfo zone) =>
        Abbreviations.GetOrAdd(zone.Id, static id =>
        {
            var names = new Dictionary<TimeSpan, string>();
            if (id.Contains("..", StringComparison.Ordinal) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
            {
                return names;
            }
            var directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
            byte[] data;
            try
            {
                data = File.ReadAllBytes(Path.Combine(directory, id));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return names;
            }
            // Version 2 and later end in "\n<POSIX TZ string>\n".
            if (data.Length < 6 || Encoding.ASCII.GetString(data, 0, 4) != "TZif" || data[4] < '2' || data[^1] != '\n')
            {
                return names;
            }
            var start = Array.LastIndexOf(data, (byte)'\n', data.Length - 2) + 1;
            var posix = Encoding.ASCII.GetString(data, start, data.Length - 1 - start);
            var at = 0;
            if (PosixName(posix, ref at) is not { } standard || PosixOffset(posix, ref at) is not { } standardOffset)
            {
                return names;
            }
            names[standardOffset] = standard;
            if (PosixName(posix, ref at) is { } daylight)
            {
                names[PosixOffset(posix, ref at) ?? standardOffset + TimeSpan.FromHours(1)] = daylight;
            }
            return names;
        });

    private static string? PosixName(string posix, ref int at)
    {
        if (at < posix.Length && posix[at] == '<')
        {
            var close = posix.IndexOf('>', at);
            if (close < 0)
            {
                return null;
            }
            var quoted = posix[(at + 1)..close];
            at = close + 1;
            return quoted;
        }
        var start = at;
        while (at < posix.Length && char.IsAsciiLetter(posix[at]))
        {
            at++;
        }
        return at - start >= 3 ? posix[start..at] : null;
    }

    /// <summary>A POSIX offset is hours west of UTC ("-1" is UTC+1); returns the offset east of UTC.</summary>
    private static TimeSpan? PosixOffset(string posix, ref int at)
    {
        var start = at;
        while (at < posix.Length && (char.IsAsciiDigit(posix[at]) || posix[at] is ':' or '+' or '-'))
        {
            at++;
        }
        var text = posix[start..at];
        if (text.Length == 0)
        {
            return null;
        }
        var negative = text[0] == '-';
        var fields = text.TrimStart('+', '-').Split(':');
        var total = TimeSpan.Zero;
        for (var i = 0; i < fields.Length && i < 3; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            total += i switch { 0 => TimeSpan.FromHours(value), 1 => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
        }
        return negative ? total : -total;
    }

    /// <summary>How IANA names an offset without an abbreviation: "+04", "-03", "+0530".</summary>
    private static string NumericName(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 && abs.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static string Local(DateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

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
