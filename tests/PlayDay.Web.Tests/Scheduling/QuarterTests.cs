using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Tests.Scheduling;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-01-01", "2026 Q1")]
    [InlineData("2026-03-31", "2026 Q1")]
    [InlineData("2026-04-01", "2026 Q2")]
    [InlineData("2026-12-31", "2026 Q4")]
    public void A_date_belongs_to_its_calendar_quarter(string date, string quarter) =>
        Assert.Equal(quarter, Quarter.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Theory]
    // 2nd Thursday of 2026 Q4 -> 2nd Thursday of 2027 Q1.
    [InlineData("2026-10-08", "2027-01-14")]
    // First day of the quarter, a Wednesday -> the first Wednesday of the next quarter.
    [InlineData("2026-07-01", "2026-10-07")]
    // Year end: 11th Thursday of Q4 -> 11th Thursday of Q1.
    [InlineData("2026-12-10", "2027-03-18")]
    // A 14th week the next quarter lacks falls back to its last matching weekday.
    [InlineData("2026-09-30", "2026-12-30")]
    public void The_next_quarter_keeps_the_weekday_and_the_week_of_the_quarter(string from, string expected)
    {
        var proposal = Quarter.SameDayNextQuarter(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), proposal);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek, proposal.DayOfWeek);
    }
}
