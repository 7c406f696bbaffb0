using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Pages.PlayDays;

/// <summary>"Schedule the next quarter": a prefilled form for the play day after <c>last</c>.</summary>
public static class NextQuarter
{
    public static PlayDayInput Propose(PlayDayEvent last, string brief)
    {
        var date = Quarter.SameDayNextQuarter(last.Date);
        var oldLabel = last.Quarter.ToString();
        return new PlayDayInput
        {
            // "AI Play Day 2026 Q3: …" becomes "AI Play Day 2026 Q4: …".
            Title = last.Title.Replace(oldLabel, Quarter.Of(date).ToString(), StringComparison.Ordinal),
            Brief = brief,
            Date = date,
            StartTime = last.StartTime,
            EndTime = last.EndTime,
            TimeZoneId = last.TimeZoneId,
            Location = last.Location,
            VideoLink = last.VideoLink,
            ShareBackMinutes = last.ShareBackMinutes,
        };
    }
}
