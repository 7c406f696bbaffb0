using System.Globalization;
using System.Text;
using PlayDay.Web.Calendar;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>
/// The byte-level rules of RFC 5545, asserted here because lenient parsers (ical.js, real
/// clients) accept many violations: they prove meaning, these prove form.
/// </summary>
public sealed class IcsWriterTests
{
    private static readonly DateTime Stamp = new(2026, 11, 22, 10, 15, 0, DateTimeKind.Utc);
    private static readonly Guid Uid = Guid.Parse("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");

    private static CalendarEvent Event(string summary = "AI Play Day", string zone = "Europe/Berlin", int sequence = 0,
        bool cancelled = false, string description = "Bring a real task.") =>
        At(new PlayDayTimes(new DateOnly(2026, 12, 10), new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById(zone)),
            summary, sequence, cancelled, description);

    private static CalendarEvent At(PlayDayTimes times, string summary = "AI Play Day", int sequence = 0, bool cancelled = false,
        string description = "Bring a real task.") => new(
            Uid,
            sequence,
            times.Zone,
            times.StartsAtUtc,
            times.EndsAtUtc,
            summary,
            description,
            "Atrium",
            new Uri("https://playday.example.test/playdays/7"),
            cancelled,
            new CalendarPerson("organizer@example.test", "Maya Okafor"))
        {
            Attendees = [new CalendarPerson("sam@example.test")],
            Reminder = TimeSpan.FromDays(1),
        };

    private static List<string> Unfolded(string ics) =>
        ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public void Every_line_ends_in_CRLF_and_long_multibyte_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var summary = string.Concat(Enumerable.Repeat("Prüfung 🤖 für Ärzte – ", 12));
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(summary)], Stamp);

        Assert.EndsWith("\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var bytes = Encoding.UTF8.GetBytes(ics);
        var physicalLines = ics.Split("\r\n")[..^1];
        Assert.Contains(physicalLines, l => l.StartsWith(' '));
        foreach (var line in physicalLines)
        {
            var octets = Encoding.UTF8.GetByteCount(line);
            Assert.True(octets <= 75, $"{octets} octets: {line}");
        }
        // Splitting the raw bytes at every CRLF gives valid UTF-8 pieces: no character was cut in two.
        var start = 0;
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                strict.GetString(bytes, start, i - start);
                start = i + 2;
            }
        }
        Assert.Contains("SUMMARY:" + summary, Unfolded(ics));
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_76_is()
    {
        var builder = new StringBuilder();
        IcsWriter.Fold(new string('a', 75), builder);
        IcsWriter.Fold(new string('b', 76), builder);

        Assert.Equal(new string('a', 75) + "\r\n" + new string('b', 75) + "\r\n b\r\n", builder.ToString());
    }

    [Fact]
    public void Text_values_escape_backslash_semicolon_comma_and_newlines()
    {
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(summary: @"C:\temp; tea, cake", description: "line one\r\nline two\nthree")], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains(@"SUMMARY:C:\\temp\; tea\, cake", lines);
        Assert.Contains(@"DESCRIPTION:line one\nline two\nthree", lines);
    }

    [Fact]
    public void A_calendar_has_version_prodid_and_its_method_only_on_the_VCALENDAR()
    {
        var ics = IcsWriter.Write(CalendarMethod.Request, [Event()], Stamp);

        var lines = Unfolded(ics);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("PRODID:" + IcsWriter.ProductId, lines);
        var method = Assert.Single(lines, l => l.StartsWith("METHOD:", StringComparison.Ordinal));
        Assert.Equal("METHOD:REQUEST", method);
        Assert.True(lines.IndexOf(method) < lines.IndexOf("BEGIN:VEVENT"));
    }

    [Fact]
    public void An_event_in_a_DST_zone_uses_TZID_and_carries_a_VTIMEZONE_with_both_rules()
    {
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event()], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20261210T130000", lines);
        Assert.Contains("DTEND;TZID=Europe/Berlin:20261210T170000", lines);
        var zone = lines.SkipWhile(l => l != "BEGIN:VTIMEZONE").TakeWhile(l => l != "END:VTIMEZONE").ToList();
        Assert.Contains("TZID:Europe/Berlin", zone);
        Assert.Equal(
            ["BEGIN:DAYLIGHT", "DTSTART:20250330T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "END:DAYLIGHT"],
            zone.SkipWhile(l => l != "BEGIN:DAYLIGHT").Take(7));
        Assert.Equal(
            ["BEGIN:STANDARD", "DTSTART:20251026T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD"],
            zone.SkipWhile(l => l != "BEGIN:STANDARD").Take(7));
        Assert.True(lines.IndexOf("BEGIN:VTIMEZONE") < lines.IndexOf("BEGIN:VEVENT"));
    }

    [Fact]
    public void Every_TZID_used_has_exactly_one_VTIMEZONE_and_UTC_needs_none()
    {
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(zone: "America/New_York"), Event(zone: "Asia/Kolkata"), Event(zone: "America/New_York"), Event(zone: "Etc/UTC")], Stamp);

        var lines = Unfolded(ics);
        var used = lines.Where(l => l.Contains(";TZID=", StringComparison.Ordinal)).Select(l => l.Split("TZID=")[1].Split(':')[0]).Distinct().Order().ToList();
        var defined = lines.Where(l => l.StartsWith("TZID:", StringComparison.Ordinal)).Select(l => l[5..]).ToList();
        Assert.Equal(["America/New_York", "Asia/Kolkata"], used);
        Assert.Equal(used, defined.Order());
        Assert.Contains("DTSTART:20261210T130000Z", lines);
        Assert.Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", lines);
        Assert.Contains("TZOFFSETTO:+0530", lines);
    }

    [Fact]
    public void An_event_has_uid_dtstamp_in_utc_sequence_url_and_organizer()
    {
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(sequence: 3)], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("UID:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", lines);
        Assert.Contains("DTSTAMP:20261122T101500Z", lines);
        Assert.Contains("SEQUENCE:3", lines);
        Assert.Contains("URL:https://playday.example.test/playdays/7", lines);
        Assert.Contains("ORGANIZER;CN=Maya Okafor:mailto:organizer@example.test", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        // PUBLISH goes to anyone; it names no attendees.
        Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_request_invites_each_attendee_with_RSVP_and_reminds_a_day_before()
    {
        var ics = IcsWriter.Write(CalendarMethod.Request, [Event()], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sam@example.test", lines);
        var alarm = lines.SkipWhile(l => l != "BEGIN:VALARM").TakeWhile(l => l != "END:VALARM").ToList();
        Assert.Contains("ACTION:DISPLAY", alarm);
        Assert.Contains("TRIGGER:-P1D", alarm);
        Assert.Contains(alarm, l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cancel_carries_organizer_dtstamp_uid_sequence_and_cancelled_status_and_no_alarm()
    {
        var ics = IcsWriter.Write(CalendarMethod.Cancel, [Event(sequence: 2)], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("METHOD:CANCEL", lines);
        Assert.Contains("STATUS:CANCELLED", lines);
        Assert.Contains("UID:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", lines);
        Assert.Contains("SEQUENCE:2", lines);
        Assert.Contains("DTSTAMP:20261122T101500Z", lines);
        Assert.Contains(lines, l => l.StartsWith("ORGANIZER", StringComparison.Ordinal));
        // A cancellation asks for no reply: no RSVP=TRUE, no PARTSTAT=NEEDS-ACTION.
        Assert.Contains("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT:mailto:sam@example.test", lines);
        Assert.DoesNotContain(lines, l => l.Contains("RSVP", StringComparison.Ordinal) || l.Contains("NEEDS-ACTION", StringComparison.Ordinal));
        Assert.Contains("SUMMARY:[Cancelled] AI Play Day", lines);
        Assert.DoesNotContain("BEGIN:VALARM", lines);
    }

    [Fact]
    public void Organizer_names_with_separators_are_quoted_and_lose_any_quote_marks()
    {
        var e = Event() with { Organizer = new CalendarPerson("o@example.test", "Okafor, \"Maya\"") };

        var ics = IcsWriter.Write(CalendarMethod.Publish, [e], Stamp);

        Assert.Contains("ORGANIZER;CN=\"Okafor, Maya\":mailto:o@example.test", Unfolded(ics));
    }

    [Fact]
    public void Text_values_carry_no_control_characters_tabs_become_spaces_and_other_line_breaks_become_newlines()
    {
        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(summary: "Bell\u0007 and\ttab\u0000", description: "one\rtwo\u2028three\u0085four\u001b[31m")], Stamp,
            new CalendarFeed("Cal\u0001endar", null, TimeSpan.FromHours(1)));

        var lines = Unfolded(ics);
        Assert.Contains("SUMMARY:Bell and tab", lines);
        Assert.Contains(@"DESCRIPTION:one\ntwo\nthree\nfour[31m", lines);
        Assert.Contains("NAME:Calendar", lines);
        Assert.Contains("X-WR-CALNAME:Calendar", lines);
        Assert.DoesNotContain(ics.Replace("\r\n", "", StringComparison.Ordinal), char.IsControl);
    }

    [Fact]
    public void Names_in_CN_parameters_lose_control_characters_and_line_breaks_become_spaces()
    {
        var e = Event(summary: "x") with
        {
            Organizer = new CalendarPerson("o@example.test", "Maya\r\nATTENDEE:mailto:evil@example.test\u0000"),
            Attendees = [new CalendarPerson("sam@example.test", "Sam\tSmith\u0007")],
        };

        var ics = IcsWriter.Write(CalendarMethod.Request, [e], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("ORGANIZER;CN=\"Maya  ATTENDEE:mailto:evil@example.test\":mailto:o@example.test", lines);
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE;CN=Sam Smith;CUTYPE=INDIVIDUAL", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.DoesNotContain(ics.Replace("\r\n", "", StringComparison.Ordinal), char.IsControl);
    }

    [Fact]
    public void An_event_in_year_9999_is_written_with_a_time_zone_clamped_to_the_years_a_play_day_may_have()
    {
        var far = At(new PlayDayTimes(new DateOnly(9999, 12, 10), new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));

        var ics = IcsWriter.Write(CalendarMethod.Publish, [Event(), far], Stamp);

        var lines = Unfolded(ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:99991210T130000", lines);
        Assert.Single(lines, l => l == "BEGIN:VTIMEZONE");
        Assert.Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", lines);
        var zoneStarts = lines.SkipWhile(l => l != "BEGIN:VTIMEZONE").TakeWhile(l => l != "END:VTIMEZONE")
            .Where(l => l.StartsWith("DTSTART:", StringComparison.Ordinal)).Select(l => int.Parse(l[8..12], CultureInfo.InvariantCulture));
        Assert.All(zoneStarts, year => Assert.InRange(year, 2025, 2100));
    }

    [Fact]
    public async Task A_time_in_an_hour_that_repeats_is_written_in_UTC_so_readers_that_take_either_pass_get_it_right()
    {
        // 31 October 2027: Berlin's 02:00-03:00 comes twice (00:00-01:00Z in CEST, then 01:00-02:00Z in CET), and Dublin's
        // 01:00-02:00 (00:00-01:00Z in IST, then 01:00-02:00Z in GMT). RFC 5545 3.3.5 and Ical.Net read such a local time
        // as the first pass, ical.js as the second: only UTC means one instant to both.
        CalendarEvent Slot(string zone, int number, string start, string end) => Event() with
        {
            Uid = new Guid(number, 0, 0, new byte[8]),
            Zone = TimeZoneInfo.FindSystemTimeZoneById(zone),
            StartsAtUtc = DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            EndsAtUtc = DateTime.Parse(end, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        };
        CalendarEvent[] slots =
        [
            Slot("Europe/Berlin", 1, "2027-10-31T00:20:00Z", "2027-10-31T00:40:00Z"), // first pass
            Slot("Europe/Berlin", 2, "2027-10-31T01:20:00Z", "2027-10-31T01:40:00Z"), // second pass
            Slot("Europe/Berlin", 3, "2027-10-31T00:50:00Z", "2027-10-31T01:10:00Z"), // 02:50 CEST to 02:10 CET
            Slot("Europe/Berlin", 4, "2027-10-31T01:55:00Z", "2027-10-31T02:05:00Z"), // 02:55 CET to 03:05 CET
            Slot("Europe/Dublin", 5, "2027-10-31T00:30:00Z", "2027-10-31T00:35:00Z"),
            Slot("Europe/Dublin", 6, "2027-10-31T01:30:00Z", "2027-10-31T01:35:00Z"),
            Slot("Europe/Berlin", 7, "2027-10-31T02:05:00Z", "2027-10-31T02:10:00Z"), // 03:05 CET, after the repeat
        ];

        var ics = IcsWriter.Write(CalendarMethod.Publish, slots, Stamp);

        var lines = Unfolded(ics);
        string[] utc = ["20271031T002000Z", "20271031T004000Z", "20271031T012000Z", "20271031T014000Z", "20271031T005000Z", "20271031T011000Z",
            "20271031T015500Z", "20271031T020500Z", "20271031T003000Z", "20271031T003500Z", "20271031T013000Z", "20271031T013500Z"];
        var eventTimes = lines.SkipWhile(l => l != "BEGIN:VEVENT").Where(l => l.StartsWith("DTSTART:", StringComparison.Ordinal) || l.StartsWith("DTEND:", StringComparison.Ordinal));
        Assert.Equal(utc, eventTimes.Select(l => l.Split(':')[1]));
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20271031T030500", lines);
        Assert.Contains("DTEND;TZID=Europe/Berlin:20271031T031000", lines);
        await CalendarReaders.AssertInstantsAsync(ics, slots);
    }

    [Fact]
    public void A_feed_has_its_name_refresh_interval_and_source_before_any_component_and_a_single_calendar_has_none()
    {
        var feed = new CalendarFeed("AI Play Days", new Uri("https://playday.example.test/calendar/abc.ics"), TimeSpan.FromHours(1));

        var feedLines = Unfolded(IcsWriter.Write(CalendarMethod.Publish, [Event()], Stamp, feed));
        var single = Unfolded(IcsWriter.Write(CalendarMethod.Publish, [Event()], Stamp));

        string[] properties = ["NAME:AI Play Days", "X-WR-CALNAME:AI Play Days", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
            "SOURCE;VALUE=URI:https://playday.example.test/calendar/abc.ics"];
        Assert.All(properties, p => Assert.True(feedLines.IndexOf(p) > 0 && feedLines.IndexOf(p) < feedLines.IndexOf("BEGIN:VTIMEZONE"), p));
        Assert.DoesNotContain(single, l => l.StartsWith("NAME", StringComparison.Ordinal) || l.StartsWith("SOURCE", StringComparison.Ordinal)
            || l.StartsWith("REFRESH-INTERVAL", StringComparison.Ordinal) || l.StartsWith("X-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1440, "P1D")]
    [InlineData(15, "PT15M")]
    [InlineData(90, "PT1H30M")]
    [InlineData(1500, "P1DT1H")]
    public void Reminder_durations_use_RFC_5545_syntax(int minutes, string expected) =>
        Assert.Equal(expected, IcsWriter.Duration(TimeSpan.FromMinutes(minutes)));
}
