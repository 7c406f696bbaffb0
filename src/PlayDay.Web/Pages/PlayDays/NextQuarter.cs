using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Pages.PlayDays;

/// <summary>"Schedule the next quarter": a prefilled form for the play day after <c>last</c>.</summary>
public static class NextQuarter
{
    public static PlayDayInput Propose(PlayDayEvent last, string brief)
    {
        // A stored date past the range (year 9999 in an old database) has no next quarter to propose: the organizer picks one.
        DateOnly? date = last.Date <= PlayDayTimes.LatestDate ? Quarter.SameDayNextQuarter(last.Date) : null;
        var oldLabel = last.Quarter.ToString();
        return new PlayDayInput
        {
            // "AI Play Day 2026 Q3: …" becomes "AI Play Day 2026 Q4: …".
            Title = date is { } next ? last.Title.Replace(oldLabel, Quarter.Of(next).ToString(), StringComparison.Ordinal) : last.Title,
            Brief = brief,
            Date = date,
            StartTime = last.StartTime,
            EndTime = last.EndTime,
            TimeZoneId = last.TimeZoneId,
            Location = last.Location,
            VideoLink = last.VideoLink,
            ShareBackMinutes = last.ShareBackMinutes,
            FollowUpWeeks = string.Join(", ", last.FollowUpWeekList),
        };
    }
}
