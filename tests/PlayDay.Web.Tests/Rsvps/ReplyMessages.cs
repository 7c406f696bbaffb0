using System.Globalization;
using System.Text;

namespace PlayDay.Web.Tests.Rsvps;

/// <summary>
/// Calendar replies shaped the way the common calendar apps send them (RFC 5546 METHOD:REPLY over
/// RFC 6047 email), written here from those RFCs: Outlook's inline text/calendar alternative in
/// base64, Gmail's inline alternative plus an application/ics attachment, Apple Calendar's attached
/// .ics in quoted-printable with folded lines. All lines end in CRLF.
/// </summary>
public static class ReplyMessages
{
    public const string Organizer = "playday@example.test";

    /// <summary>Thursday 12 November 2026, 09:30 UTC: half an hour before the tests' clock.</summary>
    public static readonly DateTime Stamp = new(2026, 11, 12, 9, 30, 0, DateTimeKind.Utc);

    public static string IcsStamp(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");

    private static string Base64Lines(string text, Encoding? encoding = null)
    {
        var base64 = Convert.ToBase64String((encoding ?? Encoding.UTF8).GetBytes(text));
        return string.Join("\r\n", base64.Chunk(76).Select(c => new string(c)));
    }

    /// <summary>The message's header, ending in the empty line before the body.</summary>
    private static string Headers(string from, string subject, string messageId, string contentType, DateTime? date = null)
    {
        var lines = new List<string> { "From: " + from, $"To: PlayDay <{Organizer}>", "Subject: " + subject };
        if (date is { } d)
        {
            lines.Add("Date: " + d.ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        }
        lines.AddRange([$"Message-ID: <{messageId}>", "MIME-Version: 1.0", "Content-Type: " + contentType]);
        return string.Join("\r\n", lines) + "\r\n\r\n";
    }

    /// <summary>
    /// The VCALENDAR of a reply: one VEVENT for <paramref name="uid"/> with one ATTENDEE line per
    /// (address, PARTSTAT). <paramref name="stamp"/> null leaves DTSTAMP out.
    /// </summary>
    public static string Calendar(Guid uid, IEnumerable<(string Address, string PartStat)> attendees, int sequence = 0,
        DateTime? stamp = null, string method = "REPLY", string prodId = "-//PlayDay tests//Reply//EN")
    {
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + prodId };
        if (method.Length > 0)
        {
            lines.Add("METHOD:" + method);
        }
        lines.AddRange(["BEGIN:VEVENT", "UID:" + uid.ToString("D"), "SEQUENCE:" + sequence.ToString(CultureInfo.InvariantCulture)]);
        if (stamp is { } s)
        {
            lines.Add("DTSTAMP:" + IcsStamp(s));
        }
        lines.Add($"ORGANIZER;CN=PlayDay:mailto:{Organizer}");
        lines.AddRange(attendees.Select(a => $"ATTENDEE;PARTSTAT={a.PartStat};CN={a.Address}:mailto:{a.Address}"));
        lines.AddRange(["DTSTART:20261210T120000Z", "DTEND:20261210T160000Z", "SUMMARY:AI Play Day 2026 Q4", "END:VEVENT", "END:VCALENDAR"]);
        return string.Join("\r\n", lines) + "\r\n";
    }

    public static string Calendar(Guid uid, string attendee, string partStat, int sequence = 0, DateTime? stamp = null, string method = "REPLY") =>
        Calendar(uid, [(attendee, partStat)], sequence, stamp ?? Stamp, method);

    /// <summary>
    /// Outlook: multipart/alternative of text, HTML and the calendar (text/calendar; method=REPLY),
    /// each in UTF-8 and base64; Exchange's PRODID, Windows zone names with their VTIMEZONE, a comment
    /// with non-ASCII text.
    /// </summary>
    public static string Outlook(Guid uid, string from, string name, string partStat, int sequence = 0, DateTime? stamp = null,
        string? messageId = null)
    {
        var verb = partStat switch { "ACCEPTED" => "Accepted", "TENTATIVE" => "Tentative", _ => "Declined" };
        var ics = Crlf($"""
            BEGIN:VCALENDAR
            METHOD:REPLY
            PRODID:Microsoft Exchange Server 2010
            VERSION:2.0
            BEGIN:VTIMEZONE
            TZID:W. Europe Standard Time
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            ATTENDEE;PARTSTAT={partStat};CN={name}:mailto:{from}
            COMMENT;LANGUAGE=de-DE:Bis dann – ich freue mich! ✓
            SUMMARY;LANGUAGE=en-US:{verb}: AI Play Day 2026 Q4
            DTSTART;TZID=W. Europe Standard Time:20261210T130000
            DTEND;TZID=W. Europe Standard Time:20261210T170000
            UID:{uid:D}
            CLASS:PUBLIC
            PRIORITY:5
            DTSTAMP:{IcsStamp(stamp ?? Stamp)}
            TRANSP:OPAQUE
            STATUS:CONFIRMED
            SEQUENCE:{sequence}
            LOCATION;LANGUAGE=en-US:Atrium, 3rd floor
            X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}
            X-MICROSOFT-CDO-REPLYTIME:{IcsStamp(stamp ?? Stamp)}
            END:VEVENT
            END:VCALENDAR

            """);
        var boundary = "_000_PlayDayOutlookReply_";
        return Headers($"{name} <{from}>", $"{verb}: AI Play Day 2026 Q4", messageId ?? $"outlook.{Guid.NewGuid():N}@example.test",
                $"multipart/alternative; boundary=\"{boundary}\"", stamp ?? Stamp)
            + Crlf($"""
            --{boundary}
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: base64

            {Base64Lines($"{name} hat zugesagt – {verb}.\r\n")}
            --{boundary}
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: base64

            {Base64Lines($"<html><body><p>{name}: {verb}</p></body></html>\r\n")}
            --{boundary}
            Content-Type: text/calendar; charset="utf-8"; method=REPLY
            Content-Transfer-Encoding: base64

            {Base64Lines(ics)}
            --{boundary}--

            """);
    }

    /// <summary>
    /// Gmail: multipart/mixed of a multipart/alternative (text, HTML, text/calendar; method=REPLY in
    /// 7bit) and the same calendar again as an application/ics "invite.ics" attachment in base64.
    /// </summary>
    public static string Gmail(Guid uid, string from, string partStat, int sequence = 0, DateTime? stamp = null, string? messageId = null)
    {
        var ics = Crlf($"""
            BEGIN:VCALENDAR
            PRODID:-//Google Inc//Google Calendar 70.9054//EN
            VERSION:2.0
            CALSCALE:GREGORIAN
            METHOD:REPLY
            BEGIN:VEVENT
            DTSTART:20261210T120000Z
            DTEND:20261210T160000Z
            DTSTAMP:{IcsStamp(stamp ?? Stamp)}
            ORGANIZER;CN=PlayDay:mailto:{Organizer}
            UID:{uid:D}
            ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partStat};CN={from};X-NUM-GUESTS=0:mailto:{from}
            CREATED:20261110T080000Z
            LAST-MODIFIED:{IcsStamp(stamp ?? Stamp)}
            LOCATION:Atrium\, 3rd floor
            SEQUENCE:{sequence}
            STATUS:CONFIRMED
            SUMMARY:AI Play Day 2026 Q4
            TRANSP:OPAQUE
            END:VEVENT
            END:VCALENDAR

            """);
        return Headers(from, "Invitation: AI Play Day 2026 Q4", messageId ?? $"gmail.{Guid.NewGuid():N}@mail.example.test",
                "multipart/mixed; boundary=\"000000000000mixed\"", stamp ?? Stamp)
            + Crlf($"""
            --000000000000mixed
            Content-Type: multipart/alternative; boundary="000000000000alt"

            --000000000000alt
            Content-Type: text/plain; charset="UTF-8"

            {from} has answered this invitation.
            --000000000000alt
            Content-Type: text/html; charset="UTF-8"

            <div>{from} has answered this invitation.</div>
            --000000000000alt
            Content-Type: text/calendar; charset="UTF-8"; method=REPLY
            Content-Transfer-Encoding: 7bit

            {ics}
            --000000000000alt--

            --000000000000mixed
            Content-Type: application/ics; name="invite.ics"
            Content-Disposition: attachment; filename="invite.ics"
            Content-Transfer-Encoding: base64

            {Base64Lines(ics)}
            --000000000000mixed--

            """);
    }

    /// <summary>
    /// Apple Calendar: multipart/mixed of a short text and the reply as an attached
    /// text/calendar; method=REPLY "iCal-….ics" in quoted-printable, Latin-1, with long lines folded.
    /// </summary>
    public static string Apple(Guid uid, string from, string name, string partStat, int sequence = 0, DateTime? stamp = null,
        string? messageId = null)
    {
        var attendee = $"ATTENDEE;CN=\"{name}\";CUTYPE=INDIVIDUAL;EMAIL=\"{from}\";PARTSTAT={partStat};ROLE=REQ-PARTICIPANT:mailto:{from}";
        var folded = string.Join("\r\n ", attendee.Chunk(60).Select(c => new string(c)));
        var ics = Crlf($"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Apple Inc.//macOS 15.1//EN
            CALSCALE:GREGORIAN
            METHOD:REPLY
            BEGIN:VEVENT
            {folded}
            DTEND:20261210T160000Z
            DTSTAMP:{IcsStamp(stamp ?? Stamp)}
            DTSTART:20261210T120000Z
            ORGANIZER;CN=PlayDay:mailto:{Organizer}
            REQUEST-STATUS:2.0;Success
            SEQUENCE:{sequence}
            SUMMARY:AI Play Day 2026 Q4
            UID:{uid:D}
            END:VEVENT
            END:VCALENDAR

            """);
        var boundary = "Apple-Mail=_5C2B7E1D-PLAYDAY";
        return Headers($"\"{name}\" <{from}>", "Accepted: AI Play Day 2026 Q4", messageId ?? $"apple.{Guid.NewGuid():N}@example.test",
                $"multipart/mixed; boundary=\"{boundary}\"", stamp ?? Stamp)
            + Crlf($"""
            --{boundary}
            Content-Transfer-Encoding: 7bit
            Content-Type: text/plain; charset=us-ascii


            --{boundary}
            Content-Disposition: attachment; filename=iCal-20261112-093000.ics
            Content-Type: text/calendar; charset=iso-8859-1; x-unix-mode=0644; name="iCal-20261112-093000.ics"; method=REPLY
            Content-Transfer-Encoding: quoted-printable

            {QuotedPrintable(ics, Encoding.Latin1)}
            --{boundary}--

            """);
    }

    /// <summary>A plain message with the calendar as its only part, inline.</summary>
    public static string Plain(string from, string ics, string? messageId = null, string contentType = "text/calendar; charset=utf-8; method=REPLY",
        bool withDate = true) =>
        Headers(from, "Reply", messageId ?? $"plain.{Guid.NewGuid():N}@example.test", contentType, withDate ? Stamp : null)
        + ics.ReplaceLineEndings("\r\n");

    /// <summary>An ordinary email to the organizers, with no calendar in it.</summary>
    public static string Note(string from) =>
        Headers(from, "Can I bring a guest?", $"note.{Guid.NewGuid():N}@example.test", "text/plain; charset=utf-8", Stamp)
        + "Hello, can I bring a colleague from another team?\r\n";

    /// <summary>Quoted-printable (RFC 2045 6.7): CRLF kept as =0D=0A soft-broken lines, as Apple Mail writes an attached calendar.</summary>
    private static string QuotedPrintable(string text, Encoding encoding)
    {
        var output = new StringBuilder();
        var line = new StringBuilder();
        foreach (var b in encoding.GetBytes(text))
        {
            var piece = b is >= 33 and <= 126 && b != (byte)'=' || b == (byte)' '
                ? ((char)b).ToString()
                : "=" + b.ToString("X2", CultureInfo.InvariantCulture);
            if (line.Length + piece.Length > 75)
            {
                output.Append(line).Append("=\r\n");
                line.Clear();
            }
            line.Append(piece);
        }
        return output.Append(line).ToString();
    }
}
