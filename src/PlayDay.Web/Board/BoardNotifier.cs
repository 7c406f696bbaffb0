using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>
/// The one place that numbers board events and broadcasts them. A change and its sequence number
/// are saved in one transaction; the broadcast goes out after the commit.
/// </summary>
public sealed class BoardNotifier(IHubContext<BoardHub, IBoardClient> hub, TimeProvider clock)
{
    /// <summary>Takes the play day's next sequence number inside the caller's transaction.</summary>
    public static async Task<long> NextSequenceAsync(PlayDayDbContext db, int playDayId)
    {
        var updated = await db.BoardSessions.Where(b => b.PlayDayId == playDayId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Sequence, b => b.Sequence + 1));
        if (updated == 0)
        {
            db.BoardSessions.Add(new BoardSession { PlayDayId = playDayId, Sequence = 1 });
            await db.SaveChangesAsync();
            return 1;
        }
        return await db.BoardSessions.Where(b => b.PlayDayId == playDayId).Select(b => b.Sequence).SingleAsync();
    }

    private IBoardClient Clients(int playDayId) => hub.Clients.Group(BoardHub.Group(playDayId));

    public Task ShareBackPostedAsync(ShareBackPosted e) => Clients(e.PlayDayId).ShareBackPosted(e);

    public Task ShareBackEditedAsync(ShareBackEdited e) => Clients(e.PlayDayId).ShareBackEdited(e);

    public Task ShareBackDeletedAsync(ShareBackDeleted e) => Clients(e.PlayDayId).ShareBackDeleted(e);

    public Task ReactionsChangedAsync(ReactionsChanged e) => Clients(e.PlayDayId).ReactionsChanged(e);

    public Task QueueChangedAsync(long sequence, int playDayId) => Clients(playDayId).QueueChanged(new QueueChanged(sequence, playDayId));

    public Task SessionChangedAsync(long sequence, int playDayId, BoardSession board, string? currentTeamName)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var remaining = board.Remaining(now);
        return Clients(playDayId).SessionChanged(new SessionChanged(sequence, playDayId, board.IsStarted, board.CurrentTeamId, currentTeamName,
            board.EndsAtUtc, board.IsPaused, remaining is { } r ? (long)r.TotalMilliseconds : null, now));
    }
}
