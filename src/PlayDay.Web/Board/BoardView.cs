using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>Everything one person's board shows, loaded in one place for the page, its parts and /state.</summary>
public sealed class BoardView
{
    public required PlayDayEvent PlayDay { get; init; }
    public required BoardSession Session { get; init; }
    public required List<Team> Queue { get; init; }
    public required List<ShareBackView> ShareBacks { get; init; }
    public required int? MyTeamId { get; init; }
    public required bool IsOrganizer { get; init; }
    public required DateTime NowUtc { get; init; }

    public Team? Current => Queue.FirstOrDefault(t => t.Id == Session.CurrentTeamId);

    public PlayDayState State => PlayDay.StateAt(NowUtc);

    /// <summary>Why the play day's state forbids <paramref name="action"/> for this person now, or null.</summary>
    public string? Refusal(PlayDayAction action) => PlayDay.Refusal(action, NowUtc, IsOrganizer);

    public bool May(PlayDayAction action) => Refusal(action) is null;

    /// <summary>Who "next presenter" would call: the first team still waiting, not skipped.</summary>
    public Team? NextUp => NextIn(Queue, Session.CurrentTeamId);

    // Moved to Team; kept so the board's callers compile until they call Team.NextIn.
    public static Team? NextIn(IEnumerable<Team> queue, int? currentTeamId) => Team.NextIn(queue, currentTeamId);

    // Moved to Team; kept so the board's callers compile until they call Team.Queue.
    public static IQueryable<Team> OrderedQueue(PlayDayDbContext db, int playDayId) => Team.Queue(db.Teams, playDayId);

    public static async Task<BoardView?> LoadAsync(PlayDayDbContext db, int playDayId, ClaimsPrincipal user, DateTime nowUtc)
    {
        var playDay = await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playDayId);
        if (playDay is null)
        {
            return null;
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var session = await db.BoardSessions.AsNoTracking().SingleOrDefaultAsync(b => b.PlayDayId == playDayId)
            ?? new BoardSession { PlayDayId = playDayId };
        var queue = await OrderedQueue(db, playDayId).AsNoTracking().Include(t => t.Members).ThenInclude(m => m.User).ToListAsync();
        var myTeamId = queue.FirstOrDefault(t => t.Members.Any(m => m.UserId == userId))?.Id;
        var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => s.PlayDayId == playDayId)
            .Include(s => s.Team).Include(s => s.Reactions)
            .OrderByDescending(s => s.Id)
            .ToListAsync();
        return new BoardView
        {
            PlayDay = playDay,
            Session = session,
            Queue = queue,
            ShareBacks = shareBacks.Select(s => ShareBackView.From(s, userId, myTeamId, playDay.Refusal(PlayDayAction.React, nowUtc) is null)).ToList(),
            MyTeamId = myTeamId,
            IsOrganizer = user.IsOrganizer(),
            NowUtc = nowUtc,
        };
    }
}

public sealed record ShareBackView(ShareBack ShareBack, string TeamName, IReadOnlyDictionary<ReactionKind, int> Counts,
    IReadOnlySet<ReactionKind> Mine, bool CanEdit, bool CanReact)
{
    public static ShareBackView From(ShareBack shareBack, string? userId, int? myTeamId, bool reactionsOpen) => new(
        shareBack,
        shareBack.Team?.Name ?? "",
        shareBack.ReactionCounts(),
        shareBack.Reactions.Where(r => r.UserId == userId).Select(r => r.Kind).ToHashSet(),
        shareBack.TeamId == myTeamId,
        reactionsOpen);
}
