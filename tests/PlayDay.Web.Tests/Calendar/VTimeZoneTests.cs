using PlayDay.Web.Calendar;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>
/// The shape of our VTIMEZONEs, pinned per zone (against the system's tz data), and the instants
/// that ical.js (which reads them) and Ical.Net (which resolves the TZID itself) take from them.
/// </summary>
public sealed class VTimeZoneTests
{
    private static readonly DateTime Stamp = new(2026, 11, 22, 10, 15, 0, DateTimeKind.Utc);

    private static CalendarEvent Event(string zone, DateOnly date, int number = 0)
    {
        var times = new PlayDayTimes(date, new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById(zone));
        return new CalendarEvent(new Guid(number, 0, 0, new byte[8]), 0, times.Zone, times.StartsAtUtc, times.EndsAtUtc,
            $"Play day {number}", "", null, null, false, new CalendarPerson("organizer@example.test"));
    }

    private static List<string> Unfolded(string ics) =>
        ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Each STANDARD or DAYLIGHT part as "KIND DTSTART RRULE FROM>TO TZNAME [n RDATE]".</summary>
    private static List<string> Parts(string ics)
    {
        var parts = new List<string>();
        var lines = Unfolded(ics);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not ("BEGIN:STANDARD" or "BEGIN:DAYLIGHT"))
            {
                continue;
            }
            var kind = lines[i][6..];
            var part = lines.Skip(i + 1).TakeWhile(l => l != "END:" + kind).ToList();
            string Value(string name) => part.SingleOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "-";
            var rdates = part.Count(l => l.StartsWith("RDATE:", StringComparison.Ordinal));
            parts.Add($"{kind} {Value("DTSTART")} {Value("RRULE")} {Value("TZOFFSETFROM")}>{Value("TZOFFSETTO")} {Value("TZNAME")}" + (rdates > 0 ? $" {rdates} RDATE" : ""));
        }
        return parts;
    }

    public static TheoryData<string, string[]> OneYear => new()
    {
        { "Europe/Berlin", ["STANDARD 20251026T030000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU +0200>+0100 CET", "DAYLIGHT 20250330T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU +0100>+0200 CEST"] },
        { "America/New_York", ["STANDARD 20251102T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU -0400>-0500 EST", "DAYLIGHT 20250309T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU -0500>-0400 EDT"] },
        // IANA calls Irish winter "negative daylight saving"; calendars expect winter GMT as STANDARD and summer IST as DAYLIGHT.
        { "Europe/Dublin", ["STANDARD 20251026T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU +0100>+0000 GMT", "DAYLIGHT 20250330T010000 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU +0000>+0100 IST"] },
        { "Australia/Sydney", ["STANDARD 20250406T030000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU +1100>+1000 AEST", "DAYLIGHT 20251005T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=1SU +1000>+1100 AEDT"] },
        { "Asia/Kolkata", ["STANDARD 19700101T000000 - +0530>+0530 IST"] },
        { "Asia/Tokyo", ["STANDARD 19700101T000000 - +0900>+0900 JST"] },
        { "America/Phoenix", ["STANDARD 19700101T000000 - -0700>-0700 MST"] },
        { "Europe/Moscow", ["STANDARD 19700101T000000 - +0300>+0300 MSK"] },
        // Half an hour of daylight saving; IANA has no abbreviations for Lord Howe and names the offsets.
        { "Australia/Lord_Howe", ["STANDARD 20250406T020000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU +1100>+1030 +1030", "DAYLIGHT 20251005T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=1SU +1030>+1100 +11"] },
        // Saturday 24:00 is written as Sunday 00:00; in 2025-2027 that Sunday is always the first of the month.
        { "America/Santiago", ["STANDARD 20250406T000000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU -0300>-0400 -04", "DAYLIGHT 20250907T000000 FREQ=YEARLY;BYMONTH=9;BYDAY=1SU -0400>-0300 -03"] },
    };

    [Theory]
    [MemberData(nameof(OneYear))]
    public async Task A_zone_has_one_STANDARD_and_one_DAYLIGHT_part_with_yearly_rules_or_a_single_STANDARD_part_without_daylight_saving(string zone, string[] expected)
    {
        CalendarEvent[] events = [Event(zone, new DateOnly(2026, 12, 10), 1), Event(zone, new DateOnly(2026, 6, 10), 2)];

        var ics = IcsWriter.Write(CalendarMethod.Publish, events, Stamp);

        Assert.Equal(expected, Parts(ics));
        Assert.Contains("TZID:" + zone, Unfolded(ics));
        await CalendarReaders.AssertInstantsAsync(ics, events);
    }

    [Fact]
    public async Task UTC_events_are_written_in_UTC_with_no_VTIMEZONE()
    {
        CalendarEvent[] events = [Event("UTC", new DateOnly(2026, 12, 10), 1), Event("Etc/UTC", new DateOnly(2026, 6, 10), 2)];

        var ics = IcsWriter.Write(CalendarMethod.Publish, events, Stamp);

        Assert.DoesNotContain("BEGIN:VTIMEZONE", Unfolded(ics));
        Assert.Contains("DTSTART:20261210T130000Z", Unfolded(ics));
        await CalendarReaders.AssertInstantsAsync(ics, events);
    }

    [Fact]
    public async Task A_rule_that_changed_within_the_years_ends_with_UNTIL_and_the_new_one_runs_on()
    {
        // The US moved daylight saving in 2007: on 20 March and 31 October it was EST in 2006 and is EDT since.
        CalendarEvent[] events =
        [
            Event("America/New_York", new DateOnly(2006, 3, 20), 1), Event("America/New_York", new DateOnly(2006, 10, 31), 2),
            Event("America/New_York", new DateOnly(2007, 3, 20), 3), Event("America/New_York", new DateOnly(2007, 10, 31), 4),
        ];

        var ics = IcsWriter.Write(CalendarMethod.Publish, events, Stamp);

        Assert.Equal(
            [
                "STANDARD 20051030T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z -0400>-0500 EST",
                "STANDARD 20071104T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU -0400>-0500 EST",
                "DAYLIGHT 20050403T020000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z -0500>-0400 EDT",
                "DAYLIGHT 20070311T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU -0500>-0400 EDT",
            ],
            Parts(ics));
        Assert.Equal([18, 18, 17, 17], events.Select(e => e.StartsAtUtc.Hour));
        await CalendarReaders.AssertInstantsAsync(ics, events);
    }

    [Fact]
    public async Task Older_history_appears_only_when_events_fall_in_it()
    {
        // Moscow stayed on UTC+4 from March 2011 to October 2014.
        CalendarEvent[] events = [Event("Europe/Moscow", new DateOnly(2012, 6, 10), 1), Event("Europe/Moscow", new DateOnly(2015, 6, 10), 2)];

        var ics = IcsWriter.Write(CalendarMethod.Publish, events, Stamp);

        Assert.Equal(["STANDARD 20110327T020000 - +0300>+0400 +04", "STANDARD 20141026T020000 - +0400>+0300 MSK"], Parts(ics));
        Assert.Equal([9, 10], events.Select(e => e.StartsAtUtc.Hour));
        await CalendarReaders.AssertInstantsAsync(ics, events);
    }

    public static TheoryData<string, int, int> TenYears => new()
    {
        { "Europe/Berlin", 1, 1 },
        { "America/New_York", 1, 1 },
        { "Europe/Dublin", 1, 1 },
        { "Australia/Sydney", 1, 1 },
        { "Australia/Lord_Howe", 1, 1 },
        { "Asia/Kolkata", 1, 0 },
        { "Asia/Tokyo", 1, 0 },
        { "Europe/Moscow", 1, 0 },
        { "UTC", 0, 0 },
        // Chile moved the start of daylight saving in 2022 and follows "Sunday on or after 2 September" since.
        { "America/Santiago", 1, 2 },
        // Morocco's clocks go back for Ramadan, which follows no weekday rule: one part per direction, with RDATEs.
        { "Africa/Casablanca", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(TenYears))]
    public async Task A_feed_over_ten_years_stays_at_a_few_parts_and_every_weekend_reads_back_right(string zone, int standard, int daylight)
    {
        var events = new List<CalendarEvent>();
        for (var day = new DateOnly(2020, 1, 4); day.Year < 2030; day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? 1 : 6))
        {
            events.Add(Event(zone, day, events.Count));
        }

        var ics = IcsWriter.Write(CalendarMethod.Publish, events, Stamp, new CalendarFeed("AI Play Days", null, TimeSpan.FromHours(1)));

        var parts = Parts(ics);
        Assert.Equal(standard, parts.Count(p => p.StartsWith("STANDARD", StringComparison.Ordinal)));
        Assert.Equal(daylight, parts.Count(p => p.StartsWith("DAYLIGHT", StringComparison.Ordinal)));
        if (zone == "America/Santiago")
        {
            Assert.Contains("DAYLIGHT 20230903T000000 FREQ=YEARLY;BYMONTH=9;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8 -0400>-0300 -03", parts);
        }
        await CalendarReaders.AssertInstantsAsync(ics, events);
    }
}
