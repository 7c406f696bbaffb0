using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Discoveries;

/// <summary>For organizers: each team's follow-up emails of one play day, sent or not, answered or not.</summary>
public sealed record FollowUpStatus(IReadOnlyList<int> Weeks, IReadOnlyList<FollowUpStatus.TeamRow> Teams)
{
    /// <summary>Where one follow-up stands.</summary>
    public enum State
    {
        NotYetDue,
        Due,
        Sent,
        Answered,
        SkippedTooLate,
        NoShareBack,
        NotSent,
    }

    public sealed record Cell(int Weeks, DateTime DueAtUtc, FollowUpNudge? Nudge)
    {
        public State StateAt(DateTime nowUtc, FollowUpOptions options, bool hasShareBack, bool cancelled) =>
            Nudge is { AnsweredAtUtc: not null } ? State.Answered
            : Nudge is not null ? State.Sent
            : cancelled ? State.NotSent
            : !hasShareBack ? State.NoShareBack
            : DueAtUtc > nowUtc ? State.NotYetDue
            : nowUtc - DueAtUtc > TimeSpan.FromDays(options.MaxLateDays) ? State.SkippedTooLate
            : State.Due;
    }

    public sealed record TeamRow(int TeamId, string Name, int? ShareBackId, IReadOnlyList<Cell> Cells);

    public bool Cancelled { get; init; }

    public static async Task<FollowUpStatus> ForAsync(PlayDayDbContext db, PlayDayEvent playDay)
    {
        var weeks = playDay.FollowUpWeekList;
        var teams = await db.Teams.AsNoTracking().Where(t => t.PlayDayId == playDay.Id).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync();
        var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => s.PlayDayId == playDay.Id).Select(s => new { s.Id, s.TeamId }).ToListAsync();
        var nudges = await db.FollowUpNudges.AsNoTracking().Where(n => n.PlayDayId == playDay.Id).ToListAsync();
        // Weeks that were sent under an earlier setting still show.
        var allWeeks = weeks.Concat(nudges.Select(n => n.WeeksAfter)).Distinct().Order().ToList();
        var rows = teams.Select(t => new TeamRow(t.Id, t.Name, shareBacks.FirstOrDefault(s => s.TeamId == t.Id)?.Id,
            allWeeks.Select(w => new Cell(w, FollowUpWorker.DueAtUtc(playDay, w), nudges.FirstOrDefault(n => n.TeamId == t.Id && n.WeeksAfter == w))).ToList())).ToList();
        return new FollowUpStatus(allWeeks, rows) { Cancelled = playDay.IsCancelled };
    }
}
