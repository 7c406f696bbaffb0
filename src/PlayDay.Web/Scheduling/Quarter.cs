using System.Globalization;

namespace PlayDay.Web.Scheduling;

/// <summary>A calendar quarter, shown as "2026 Q4".</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly LastDay => Next.FirstDay.AddDays(-1);

    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year} Q{Number}");

    /// <summary>Reads "2026 Q4", "2026-Q4" or "2026Q4".</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length == 6 && compact[4] == 'Q' && int.TryParse(compact[..4], CultureInfo.InvariantCulture, out var year)
            && compact[5] is >= '1' and <= '4' && year is > 1900 and < 3000)
        {
            quarter = new Quarter(year, compact[5] - '0');
            return true;
        }
        return false;
    }

    /// <summary>
    /// The day in the next quarter that matches <paramref name="date"/>: the same weekday in the
    /// same week of the quarter (the 2nd Thursday stays the 2nd Thursday).
    /// </summary>
    public static DateOnly SameDayNextQuarter(DateOnly date)
    {
        var quarter = Of(date);
        var weekOfQuarter = (date.DayNumber - quarter.FirstDay.DayNumber) / 7;
        var next = quarter.Next;
        var first = next.FirstDay;
        var firstMatchingWeekday = first.AddDays(((int)date.DayOfWeek - (int)first.DayOfWeek + 7) % 7);
        var proposal = firstMatchingWeekday.AddDays(7 * weekOfQuarter);
        // A 14th week only exists in some quarters; fall back to the last matching weekday.
        while (proposal > next.LastDay)
        {
            proposal = proposal.AddDays(-7);
        }
        return proposal;
    }
}
