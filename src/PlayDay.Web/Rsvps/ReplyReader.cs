using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using MimeKit;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Rsvps;

/// <summary>One attendee's answer in a calendar reply, as the calendar app wrote it.</summary>
/// <param name="Uid">The VEVENT's UID: a play day's CalendarUid when it answers one of our invitations.</param>
/// <param name="Attendee">The ATTENDEE's mailto address.</param>
/// <param name="PartStat">PARTSTAT, upper case (ACCEPTED, TENTATIVE, DECLINED, or anything else).</param>
/// <param name="Sequence">The SEQUENCE of the invitation it answers.</param>
/// <param name="StampUtc">DTSTAMP, when the reply has a readable one.</param>
public sealed record CalendarReply(Guid Uid, string Attendee, string PartStat, int Sequence, DateTime? StampUtc)
{
    /// <summary>The answer PARTSTAT stands for, or null for one that is no answer (NEEDS-ACTION, DELEGATED, ...).</summary>
    public RsvpResponse? Response => PartStat switch
    {
        "ACCEPTED" => RsvpResponse.Going,
        "TENTATIVE" => RsvpResponse.Maybe,
        "DECLINED" => RsvpResponse.NotGoing,
        _ => null,
    };
}

/// <summary>What a message held: the replies, why any calendar part in it was not one, and whether any calendar was a reply at all.</summary>
public sealed record ReadReplies(IReadOnlyList<CalendarReply> Replies, IReadOnlyList<string> Problems, bool IsReply);

/// <summary>
/// Finds the iTIP replies (RFC 5546 METHOD:REPLY, sent as RFC 6047 email) in a message: every
/// text/calendar or application/ics part, inline in a multipart/alternative or attached, in any
/// charset and transfer encoding, parsed with Ical.Net. Nothing here trusts the message: sizes and
/// counts are capped, a part that does not parse is a problem to report, never an exception.
/// </summary>
public static class ReplyReader
{
    public const int MaxCalendarChars = 256 * 1024;
    public const int MaxCalendarParts = 4;
    public const int MaxEvents = 20;
    public const int MaxAttendees = 50;

    public static bool IsCalendarPart(ContentType? type) =>
        type is not null && (type.IsMimeType("text", "calendar") || type.IsMimeType("application", "ics"));

    public static ReadReplies Read(MimeMessage message)
    {
        var replies = new List<CalendarReply>();
        var problems = new List<string>();
        var isReply = false;
        var parts = message.BodyParts.OfType<MimePart>().Where(p => IsCalendarPart(p.ContentType)).ToList();
        if (parts.Count > MaxCalendarParts)
        {
            problems.Add($"{parts.Count} calendar parts; only the first {MaxCalendarParts} were read.");
        }
        foreach (var part in parts.Take(MaxCalendarParts))
        {
            isReply |= ReadPart(part, replies, problems);
        }
        // Gmail and others send the same calendar twice (inline and attached): one answer per event and attendee.
        var distinct = replies
            .GroupBy(r => (r.Uid, Address: r.Attendee.ToUpperInvariant()))
            .Select(g => g.OrderByDescending(r => r.Sequence).ThenByDescending(r => r.StampUtc).First())
            .ToList();
        return new ReadReplies(distinct, problems.Distinct(StringComparer.Ordinal).ToList(), isReply);
    }

    /// <summary>Reads one part; returns whether it held a METHOD:REPLY calendar.</summary>
    private static bool ReadPart(MimePart part, List<CalendarReply> replies, List<string> problems)
    {
        string text;
        try
        {
            // TextPart decodes base64 or quoted-printable and the charset, falling back to UTF-8 and Latin-1.
            var asText = part as TextPart ?? new TextPart("calendar") { Content = part.Content };
            if (asText != part && part.ContentType.Charset is { } charset)
            {
                asText.ContentType.Charset = charset;
            }
            text = asText.Text ?? "";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add("A calendar part could not be decoded: " + e.Message);
            return false;
        }
        if (text.Length > MaxCalendarChars)
        {
            problems.Add($"A calendar part of {text.Length:N0} characters is larger than the {MaxCalendarChars:N0} read.");
            return false;
        }

        CalendarCollection calendars;
        try
        {
            calendars = CalendarCollection.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add("A calendar part is not a valid iCalendar: " + OneLine(e.Message));
            return false;
        }
        if (calendars.Count == 0)
        {
            problems.Add("A calendar part holds no calendar.");
        }
        var isReply = false;
        foreach (var calendar in calendars)
        {
            if (!string.Equals(calendar.Method?.Trim(), "REPLY", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(calendar.Method is null
                    ? "A calendar without METHOD is no reply."
                    : $"A calendar with METHOD:{OneLine(calendar.Method)} is no reply (only METHOD:REPLY is).");
                continue;
            }
            isReply = true;
            if (calendar.Events.Count == 0)
            {
                problems.Add("A reply without a VEVENT.");
            }
            var written = WrittenEvents(text);
            foreach (var calendarEvent in calendar.Events.Take(MaxEvents))
            {
                ReadEvent(calendarEvent, written, replies, problems);
            }
        }
        return isReply;
    }

    private static void ReadEvent(CalendarEvent calendarEvent, Dictionary<string, DateTime?> written, List<CalendarReply> replies, List<string> problems)
    {
        // Ical.Net makes up a UID when there is none: only one that was written counts.
        var uidText = (calendarEvent.Properties.FirstOrDefault(p => p.Name == "UID")?.Value as string)?.Trim();
        if (uidText is null || !written.TryGetValue(uidText, out var stamp))
        {
            problems.Add("A reply without a UID.");
            return;
        }
        if (!Guid.TryParse(uidText, out var uid))
        {
            problems.Add($"The UID {OneLine(uidText)} is none of ours.");
            return;
        }
        if (calendarEvent.Attendees.Count == 0)
        {
            problems.Add($"The reply for {uid} names no ATTENDEE.");
        }
        foreach (var attendee in calendarEvent.Attendees.Take(MaxAttendees))
        {
            var address = AddressOf(attendee);
            if (address is null)
            {
                problems.Add($"The reply for {uid} has an ATTENDEE that is not a mailto address.");
                continue;
            }
            var partStat = (attendee.ParticipationStatus ?? "").Trim().ToUpperInvariant();
            replies.Add(new CalendarReply(uid, address, partStat, Math.Max(calendarEvent.Sequence, 0), stamp));
        }
    }

    /// <summary>
    /// The UID and DTSTAMP each VEVENT was written with. Ical.Net fills a missing UID with a new one,
    /// and a missing or unreadable DTSTAMP with the machine's clock (which would make a stale reply
    /// look new), so both are read from the text: unfolded, and DTSTAMP only in the UTC form RFC 5545
    /// (3.8.7.2) requires. A UID written more than once keeps its latest stamp.
    /// </summary>
    private static Dictionary<string, DateTime?> WrittenEvents(string text)
    {
        var events = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal)
            .Replace("\n ", "", StringComparison.Ordinal).Replace("\n\t", "", StringComparison.Ordinal);
        string? uid = null;
        DateTime? stamp = null;
        foreach (var line in unfolded.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                (uid, stamp) = (null, null);
            }
            else if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase) && uid is not null)
            {
                events[uid] = events.TryGetValue(uid, out var other) && (stamp is null || other > stamp) ? other : stamp;
            }
            else if (ValueOf(line, "UID") is { } u)
            {
                uid = u.Trim();
            }
            else if (ValueOf(line, "DTSTAMP") is { } d && DateTime.TryParseExact(d.Trim(), "yyyyMMdd'T'HHmmss'Z'",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                stamp = parsed;
            }
        }
        return events;
    }

    private static string? ValueOf(string line, string name) =>
        line.Length > name.Length && line.StartsWith(name, StringComparison.OrdinalIgnoreCase) && line[name.Length] is ':' or ';'
            && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? line[(colon + 1)..]
            : null;

    private static string? AddressOf(Attendee attendee)
    {
        var value = attendee.Value?.OriginalString;
        if (value is null || !value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            return EmailAddress.Parse(Uri.UnescapeDataString(value["mailto:".Length..]));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static string OneLine(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length > 120 ? line[..120] + "…" : line;
    }
}
