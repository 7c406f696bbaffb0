using System.Globalization;
using System.Text;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Calendar;

/// <summary>
/// Writes iCalendar (RFC 5545) objects for iTIP (RFC 5546). The rules it follows:
/// <list type="bullet">
/// <item>every line ends in CRLF and is folded so no line exceeds 75 octets; continuation lines
/// start with one space, and a UTF-8 character is never split across lines (3.1);</item>
/// <item>TEXT values escape backslash, semicolon, comma and newline (3.3.11); parameter values
/// with ':' ';' ',' are quoted and may not contain DQUOTE (3.2); no line carries a control
/// character (CONTROL is excluded from every value type, 3.1, 3.3.11);</item>
/// <item>VCALENDAR has PRODID and VERSION:2.0 and carries METHOD, never the VEVENT (3.7, RFC 5546 1.4);</item>
/// <item>each VEVENT has UID, DTSTAMP in UTC, SEQUENCE; local times use TZID= with a VTIMEZONE
/// for that zone in the same object, and UTC times end in Z (3.3.5, 3.6.5); a time in an hour that
/// repeats when clocks go back is written in UTC, since readers disagree on which pass it means;</item>
/// <item>a feed carries NAME, REFRESH-INTERVAL and, when it can be fetched without a cookie,
/// SOURCE (RFC 7986 5.1, 5.7, 5.8);</item>
/// <item>CANCEL events carry STATUS:CANCELLED and no VALARM; REQUEST and CANCEL carry ORGANIZER
/// and ATTENDEEs (RFC 5546 3.2.2, 3.2.5).</item>
/// </list>
/// </summary>
public static class IcsWriter
{
    public const string ProductId = "-//PlayDay//PlayDay Calendar 1.0//EN";
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxLineOctets = 75;

    public static string Write(CalendarMethod method, IReadOnlyList<CalendarEvent> events, DateTime stampUtc, CalendarFeed? feed = null)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + ProductId,
            "CALSCALE:GREGORIAN",
            "METHOD:" + method.ToString().ToUpperInvariant(),
        };
        if (feed is not null)
        {
            // RFC 7986 names, with the older X- properties that Outlook and Google still read.
            lines.Add("NAME:" + EscapeText(feed.Name));
            lines.Add("X-WR-CALNAME:" + EscapeText(feed.Name));
            lines.Add("REFRESH-INTERVAL;VALUE=DURATION:" + Duration(feed.RefreshInterval));
            lines.Add("X-PUBLISHED-TTL:" + Duration(feed.RefreshInterval));
            if (feed.Source is not null)
            {
                lines.Add("SOURCE;VALUE=URI:" + feed.Source.AbsoluteUri);
            }
        }
        var written = events.Select(e => (Event: e, Local: LocalTimes(e))).ToList();
        foreach (var zoneEvents in written.Where(w => w.Local is not null).GroupBy(w => w.Event.Zone.Id, StringComparer.Ordinal))
        {
            var zone = zoneEvents.First().Event.Zone;
            // Clamped to the years a play day may have: a stored year 9999 (an old database) would ask for year 10000, and a
            // wide span costs a day-by-day scan. The last observance (or its RRULE) still covers any event outside.
            var years = zoneEvents.SelectMany(w => new[] { w.Local!.Value.Start.Year, w.Local.Value.End.Year })
                .Select(year => Math.Clamp(year, PlayDayTimes.EarliestDate.Year, PlayDayTimes.LatestDate.Year)).ToList();
            lines.AddRange(VTimeZone.Lines(zone, years.Min() - 1, years.Max() + 1));
        }
        foreach (var (calendarEvent, local) in written)
        {
            lines.AddRange(EventLines(method, calendarEvent, local, stampUtc));
        }
        lines.Add("END:VCALENDAR");

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            // Values are escaped where they are written; this is the backstop so no stored value can break a line.
            Fold(WithoutControlCharacters(line), builder);
        }
        return builder.ToString();
    }

    /// <summary>The event's start and end as local times in its zone, or null when they are written in UTC.</summary>
    private static (DateTime Start, DateTime End)? LocalTimes(CalendarEvent e) =>
        !IsUtc(e.Zone) && Local(e.Zone, e.StartsAtUtc) is { } start && Local(e.Zone, e.EndsAtUtc) is { } end ? (start, end) : null;

    /// <summary>
    /// The local time that means <paramref name="utc"/> to every reader, or null. A time in the hour that
    /// repeats when clocks go back means its first pass to RFC 5545 (3.3.5) and Ical.Net but its second
    /// to ical.js (Thunderbird), so a share-back slot there is written in UTC.
    /// </summary>
    private static DateTime? Local(TimeZoneInfo zone, DateTime utc)
    {
        utc = DateTime.SpecifyKind(Whole(utc), DateTimeKind.Utc);
        // A day either side is read below; the last day of year 9999 has none after it.
        if (utc < DateTime.MinValue.AddDays(1) || utc > DateTime.MaxValue.AddDays(-1))
        {
            return null;
        }
        var offset = zone.GetUtcOffset(utc);
        var local = utc + offset;
        // The hour repeats if the offset in force a day before or after also reaches this wall-clock time from another instant.
        // (TimeZoneInfo.IsAmbiguousTime misses Europe/Dublin's repeated hour until 2037: its "negative daylight saving".)
        foreach (var other in new[] { zone.GetUtcOffset(utc.AddDays(-1)), zone.GetUtcOffset(utc.AddDays(1)) })
        {
            if (other != offset && zone.GetUtcOffset(local - other) == other)
            {
                return null;
            }
        }
        return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
    }

    /// <summary>DATE-TIME has whole seconds.</summary>
    private static DateTime Whole(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);

    private static IEnumerable<string> EventLines(CalendarMethod method, CalendarEvent e, (DateTime Start, DateTime End)? local, DateTime stampUtc)
    {
        var cancelled = e.Cancelled || method == CalendarMethod.Cancel;
        yield return "BEGIN:VEVENT";
        yield return "UID:" + e.Uid.ToString("D", CultureInfo.InvariantCulture);
        yield return "DTSTAMP:" + UtcStamp(stampUtc);
        yield return "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture);
        yield return DateTimeLine("DTSTART", e.Zone, local?.Start, e.StartsAtUtc);
        yield return DateTimeLine("DTEND", e.Zone, local?.End, e.EndsAtUtc);
        yield return "SUMMARY:" + EscapeText(cancelled ? "[Cancelled] " + e.Summary : e.Summary);
        if (!string.IsNullOrWhiteSpace(e.Description))
        {
            yield return "DESCRIPTION:" + EscapeText(e.Description);
        }
        if (!string.IsNullOrWhiteSpace(e.Location))
        {
            yield return "LOCATION:" + EscapeText(e.Location);
        }
        if (e.Url is not null)
        {
            yield return "URL:" + e.Url.AbsoluteUri;
        }
        yield return "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED");
        yield return "TRANSP:OPAQUE";
        yield return "ORGANIZER" + NameParameter(e.Organizer) + ":mailto:" + e.Organizer.Email;
        if (method != CalendarMethod.Publish)
        {
            // A cancellation asks for no reply (RFC 5546 3.2.5); only a REQUEST does.
            var reply = method == CalendarMethod.Cancel ? "" : ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE";
            foreach (var attendee in e.Attendees)
            {
                yield return "ATTENDEE" + NameParameter(attendee) + ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT" + reply + ":mailto:" + attendee.Email;
            }
        }
        if (!cancelled && e.Reminder is { } reminder && reminder > TimeSpan.Zero)
        {
            yield return "BEGIN:VALARM";
            yield return "ACTION:DISPLAY";
            yield return "DESCRIPTION:" + EscapeText("Reminder: " + e.Summary);
            yield return "TRIGGER:-" + Duration(reminder);
            yield return "END:VALARM";
        }
        yield return "END:VEVENT";
    }

    private static string DateTimeLine(string name, TimeZoneInfo zone, DateTime? local, DateTime utc) =>
        local is { } time
            ? $"{name};TZID={zone.Id}:{time.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}"
            : $"{name}:{UtcStamp(utc)}";

    public static bool IsUtc(TimeZoneInfo zone) =>
        zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "Etc/GMT" or "UCT" or "Universal" or "Etc/Universal" or "Zulu" or "Etc/Zulu";

    public static string UtcStamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.6 duration, e.g. P1D, PT15M, P1DT2H.</summary>
    public static string Duration(TimeSpan span)
    {
        var builder = new StringBuilder("P");
        if (span.Days > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{span.Days}D");
        }
        if (span.Hours > 0 || span.Minutes > 0 || span.Seconds > 0)
        {
            builder.Append('T');
            if (span.Hours > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{span.Hours}H");
            }
            if (span.Minutes > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{span.Minutes}M");
            }
            if (span.Seconds > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{span.Seconds}S");
            }
        }
        return builder.Length == 1 ? "PT0S" : builder.ToString();
    }

    /// <summary>
    /// TEXT escaping (3.3.11): backslash, semicolon, comma, and line breaks as \n. TEXT allows no
    /// other control characters: a tab becomes a space, the rest are dropped.
    /// </summary>
    public static string EscapeText(string value)
    {
        var text = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' or ';' or ',':
                    text.Append('\\').Append(c);
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }
                    text.Append("\\n");
                    break;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append(' ');
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        return text.ToString();
    }

    private static string NameParameter(CalendarPerson person)
    {
        if (string.IsNullOrWhiteSpace(person.Name))
        {
            return "";
        }
        // DQUOTE cannot appear in a parameter value, and control characters cannot either (3.2): line breaks and tabs become spaces.
        var name = new StringBuilder(person.Name.Length);
        foreach (var c in person.Name)
        {
            if (c is '\r' or '\n' or '\t' or '\u0085' or '\u2028' or '\u2029')
            {
                name.Append(' ');
            }
            else if (c != '"' && !char.IsControl(c))
            {
                name.Append(c);
            }
        }
        var value = name.ToString().Trim();
        return value.Length == 0 ? "" : value.IndexOfAny([':', ';', ',']) >= 0 ? $";CN=\"{value}\"" : $";CN={value}";
    }

    private static string WithoutControlCharacters(string line) =>
        line.Any(char.IsControl) ? new string(line.Where(c => !char.IsControl(c)).ToArray()) : line;

    /// <summary>Appends <paramref name="line"/> folded at 75 octets, never inside a UTF-8 sequence, ending in CRLF.</summary>
    public static void Fold(string line, StringBuilder output)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var start = 0;
        var limit = MaxLineOctets;
        while (bytes.Length - start > limit)
        {
            var end = start + limit;
            // Step back to the first byte of a character: continuation bytes look like 10xxxxxx.
            while ((bytes[end] & 0xC0) == 0x80)
            {
                end--;
            }
            output.Append(Encoding.UTF8.GetString(bytes, start, end - start)).Append("\r\n ");
            start = end;
            limit = MaxLineOctets - 1; // the leading space counts
        }
        output.Append(Encoding.UTF8.GetString(bytes, start, bytes.Length - start)).Append("\r\n");
    }
}
