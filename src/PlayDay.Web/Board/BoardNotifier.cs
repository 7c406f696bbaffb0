using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>
/// The one write path of a board: every change to a board's teams, session or share-backs is made
/// inside <see cref="BeginAsync"/>, which takes the board's next sequence number in a transaction;
/// <see cref="BoardWrite.CommitAsync"/> saves, commits and only then broadcasts the numbered event.
/// A write that is not committed (a refusal found on the way) is rolled back, number and all.
/// </summary>
public sealed class BoardNotifier(IHubContext<BoardHub, IBoardClient> hub, TimeProvider clock)
{
    /// <summary>
    /// Opens a board write. Taking the number first also serialises writes to one board, so checks
    /// made after this (has the team posted already? is this edit based on the newest version?) see
    /// every earlier write.
    /// </summary>
    public async Task<BoardWrite> BeginAsync(PlayDayDbContext db, int playDayId)
    {
        var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var sequence = await NextSequenceAsync(db, playDayId);
            return new BoardWrite(this, db, transaction, playDayId, sequence);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task<long> NextSequenceAsync(PlayDayDbContext db, int playDayId)
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

    public SessionChanged SessionEvent(long sequence, int playDayId, BoardSession board, string? currentTeamName)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var remaining = board.Remaining(now);
        return new SessionChanged(sequence, playDayId, board.IsStarted, board.CurrentTeamId, currentTeamName,
            board.EndsAtUtc, board.IsPaused, remaining is { } r ? (long)r.TotalMilliseconds : null, now);
    }

    internal Task BroadcastAsync(BoardEvent e)
    {
        var clients = hub.Clients.Group(BoardHub.Group(e.PlayDayId));
        return e switch
        {
            ShareBackPosted posted => clients.ShareBackPosted(posted),
            ShareBackEdited edited => clients.ShareBackEdited(edited),
            ShareBackDeleted deleted => clients.ShareBackDeleted(deleted),
            ReactionsChanged reactions => clients.ReactionsChanged(reactions),
            SessionChanged session => clients.SessionChanged(session),
            QueueChanged queue => clients.QueueChanged(queue),
            _ => throw new ArgumentException($"No broadcast for {e.GetType().Name}.", nameof(e)),
        };
    }
}

/// <summary>One board change in progress: its sequence number is taken, its transaction open.</summary>
public sealed class BoardWrite(BoardNotifier notifier, PlayDayDbContext db, IDbContextTransaction transaction, int playDayId, long sequence) : IAsyncDisposable
{
    public long Sequence { get; } = sequence;
    public int PlayDayId { get; } = playDayId;

    /// <summary>Saves, commits, then broadcasts the event <paramref name="describe"/> makes (after the save, so new rows have their ids).</summary>
    public async Task<T> CommitAsync<T>(Func<long, T> describe) where T : BoardEvent
    {
        await db.SaveChangesAsync();
        var e = describe(Sequence);
        await transaction.CommitAsync();
        await notifier.BroadcastAsync(e);
        return e;
    }

    public Task<QueueChanged> CommitQueueChangeAsync() => CommitAsync(sequence => new QueueChanged(sequence, PlayDayId));

    public ValueTask DisposeAsync() => transaction.DisposeAsync();
}
