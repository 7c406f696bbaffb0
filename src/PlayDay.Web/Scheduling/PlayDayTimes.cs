using System.Globalization;

namespace PlayDay.Web.Scheduling;

/// <summary>A play day's local date, start and end in its IANA zone, with the instants they mean.</summary>
public sealed record PlayDayTimes(DateOnly Date, TimeOnly Start, TimeOnly End, TimeZoneInfo Zone)
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    /// <summary>
    /// The dates a play day may have. Outside them a date is a typo (year 9999), and calendars,
    /// quarters and time zone rules (which look a year either side) stop making sense.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    public DateTime StartsAtUtc => TimeZoneInfo.ConvertTimeToUtc(Date.ToDateTime(Start), Zone);

    public DateTime EndsAtUtc => TimeZoneInfo.ConvertTimeToUtc(Date.ToDateTime(End), Zone);

    /// <summary>Offset from UTC at the start, e.g. "UTC+1" or "UTC+5:30".</summary>
    public string UtcOffsetLabel
    {
        get
        {
            var offset = Zone.GetUtcOffset(StartsAtUtc);
            if (offset == TimeSpan.Zero)
            {
                return "UTC";
            }
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            var abs = offset.Duration();
            return abs.Minutes == 0
                ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
                : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
        }
    }

    /// <summary>"Thu 10 Dec 2026, 09:00–13:00".</summary>
    public string LocalLabel => string.Create(CultureInfo.InvariantCulture,
        $"{Date:ddd d MMM yyyy}, {Start:HH\\:mm}–{End:HH\\:mm}");

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }
        // Only IANA ids: Windows ids would also resolve through ICU, but calendars need IANA ones.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found) || !found.HasIanaId)
        {
            return false;
        }
        zone = found;
        return true;
    }

    /// <summary>
    /// Checks the local times against their zone and returns the problems as (field, message)
    /// pairs; field names match the form's inputs. Empty when the times are usable.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(
        DateOnly date, TimeOnly start, TimeOnly end, string? zoneId, out PlayDayTimes? times)
    {
        times = null;
        var problems = new List<(string, string)>();
        if (date < EarliestDate || date > LatestDate)
        {
            problems.Add(("Date", string.Create(CultureInfo.InvariantCulture, $"Pick a date between {EarliestDate:d MMM yyyy} and {LatestDate:d MMM yyyy}; {date:d MMM yyyy} is outside that.")));
        }
        if (!TryFindZone(zoneId, out var zone))
        {
            problems.Add(("TimeZoneId", $"“{zoneId}” is not a time zone we know. Use an IANA name such as Europe/Berlin or America/New_York."));
            return problems;
        }
        if (end <= start)
        {
            problems.Add(("EndTime", "The end time must be after the start time."));
        }
        else if (end - start > MaxLength)
        {
            problems.Add(("EndTime", "A play day can last at most 12 hours."));
        }
        foreach (var (field, local) in new[] { ("StartTime", start), ("EndTime", end) })
        {
            var dateTime = date.ToDateTime(local);
            if (zone.IsInvalidTime(dateTime))
            {
                problems.Add((field, $"{local:HH\\:mm} does not exist on {date:d MMM yyyy} in {zone.Id}: the clocks jump forward then. Pick another time."));
            }
            else if (zone.IsAmbiguousTime(dateTime))
            {
                problems.Add((field, $"{local:HH\\:mm} happens twice on {date:d MMM yyyy} in {zone.Id}: the clocks go back then. Pick another time."));
            }
        }
        if (problems.Count == 0)
        {
            times = new PlayDayTimes(date, start, end, zone);
        }
        return problems;
    }
}
