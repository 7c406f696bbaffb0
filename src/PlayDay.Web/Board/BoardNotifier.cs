using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>
/// The one write path of a board: every change to a board's teams, session or share-backs is made
/// inside <see cref="BeginAsync"/>, which takes the board's next sequence number in a transaction;
/// <c>BoardWrite.CommitAsync</c> saves, commits and only then broadcasts the numbered event.
/// A write that is not committed (a refusal found on the way) is rolled back, number and all.
/// </summary>
public sealed class BoardNotifier(IHubContext<BoardHub, IBoardClient> hub, BoardStates states, TimeProvider clock)
{
    public BoardStates States => states;

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
        // The update holds the board's row until the transaction ends: writes to one board take turns.
        if (await IncrementAsync(db, playDayId) == 0)
        {
            // The board's first write makes its row. Another instance may be making it at this moment: its insert
            // wins, ours fails on the key (EF rolls back to the savepoint it set, so the transaction goes on) and
            // takes the next number once that write commits.
            var session = new BoardSession { PlayDayId = playDayId, Sequence = 1 };
            db.BoardSessions.Add(session);
            try
            {
                await db.SaveChangesAsync();
                return 1;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                db.Entry(session).State = EntityState.Detached;
                await IncrementAsync(db, playDayId);
            }
        }
        return await BoardStates.SequenceOf(db, playDayId).SingleAsync();
    }

    private static Task<int> IncrementAsync(PlayDayDbContext db, int playDayId) =>
        db.BoardSessions.Where(b => b.PlayDayId == playDayId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Sequence, b => b.Sequence + 1));

    /// <summary>The lineup (session and queue) as it stands inside the write, for a session or queue event.</summary>
    internal async Task<(SessionInfo Session, IReadOnlyList<QueueEntry> Queue)> LineupAsync(PlayDayDbContext db, int playDayId)
    {
        var lineup = await states.LineupAsync(db, playDayId);
        var now = clock.GetUtcNow().UtcDateTime;
        return (lineup.SessionAt(now), lineup.QueueAt(now));
    }

    /// <summary>Tells one person's own screens what they react to now (they reacted on another screen).</summary>
    public Task YourReactionsAsync(string userId, YourReactionsChanged e) => hub.Clients.User(userId).YourReactionsChanged(e);

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
            QuestionsChanged questions => clients.QuestionsChanged(questions),
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
    public Task<T> CommitAsync<T>(Func<long, T> describe) where T : BoardEvent => CommitAsync(sequence => Task.FromResult(describe(sequence)));

    /// <summary>As <see cref="CommitAsync{T}(Func{long, T})"/>, for an event that reads the saved state to describe it.</summary>
    public async Task<T> CommitAsync<T>(Func<long, Task<T>> describe) where T : BoardEvent
    {
        await db.SaveChangesAsync();
        var e = await describe(Sequence);
        await transaction.CommitAsync();
        await notifier.BroadcastAsync(e);
        return e;
    }

    /// <summary>Commits a change of the teams or their order, telling screens the new lineup.</summary>
    public Task<QueueChanged> CommitQueueChangeAsync() => CommitAsync(async sequence =>
    {
        var (session, queue) = await notifier.LineupAsync(db, PlayDayId);
        return new QueueChanged(sequence, PlayDayId, session, queue);
    });

    /// <summary>Commits a change of the session, telling screens the new session and lineup.</summary>
    public Task<SessionChanged> CommitSessionChangeAsync() => CommitAsync(async sequence =>
    {
        var (session, queue) = await notifier.LineupAsync(db, PlayDayId);
        return new SessionChanged(sequence, PlayDayId, session, queue);
    });

    public ValueTask DisposeAsync() => transaction.DisposeAsync();
}
