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

    [Theory]
    [InlineData("2026 Q4", 2026, 4)]
    [InlineData("2026-Q4", 2026, 4)]
    [InlineData("2026q1", 2026, 1)]
    [InlineData(" 2027 - Q2 ", 2027, 2)]
    public void A_quarter_reads_back_as_people_write_it(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var quarter));
        Assert.Equal(new Quarter(year, number), quarter);
        Assert.True(Quarter.TryParse(quarter.ToString(), out var again));
        Assert.Equal(quarter, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("someday")]
    [InlineData("2026 Q5")]
    [InlineData("2026 Q0")]
    [InlineData("0026 Q1")]
    [InlineData("２０２６ Q1")]
    public void Anything_else_is_not_a_quarter(string? text) =>
        Assert.False(Quarter.TryParse(text, out _));
}
