using PlayDay.Web.Data;

namespace PlayDay.Web.Following;

/// <summary>One digest period: it ends at the send hour (UTC), daily or on the weekly day, and its digest is made once it has ended.</summary>
public readonly record struct DigestPeriod(DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>The latest period of <paramref name="frequency"/> that has ended at <paramref name="nowUtc"/>; null for <see cref="DigestFrequency.Off"/>.</summary>
    public static DigestPeriod? LastEnded(DigestFrequency frequency, DateTime nowUtc, int sendHourUtc, DayOfWeek weeklyOn)
    {
        if (frequency == DigestFrequency.Off)
        {
            return null;
        }
        var end = DateTime.SpecifyKind(nowUtc.Date.AddHours(sendHourUtc), DateTimeKind.Utc);
        if (end > nowUtc)
        {
            end = end.AddDays(-1);
        }
        if (frequency == DigestFrequency.Daily)
        {
            return new DigestPeriod(end.AddDays(-1), end);
        }
        end = end.AddDays(-(((int)end.DayOfWeek - (int)weeklyOn + 7) % 7));
        return new DigestPeriod(end.AddDays(-7), end);
    }
}
