namespace PlayDay.Web.Board;

/// <summary>What the server tells every screen of a board. Each event carries the board's sequence number.</summary>
public interface IBoardClient
{
    Task ShareBackPosted(ShareBackPosted e);
    Task ShareBackEdited(ShareBackEdited e);
    Task ReactionsChanged(ReactionsChanged e);
    Task ShareBackDeleted(ShareBackDeleted e);
    Task SessionChanged(SessionChanged e);
    Task QueueChanged(QueueChanged e);
}

/// <summary>One numbered change on one board.</summary>
public abstract record BoardEvent(long Sequence, int PlayDayId);

public sealed record ShareBackPosted(long Sequence, int PlayDayId, int ShareBackId, int TeamId, string TeamName, string Title) : BoardEvent(Sequence, PlayDayId);

public sealed record ShareBackEdited(long Sequence, int PlayDayId, int ShareBackId, string Title) : BoardEvent(Sequence, PlayDayId);

/// <summary>A share-back left the board: deleted (or, for screens, hidden); a restore arrives as <see cref="ShareBackPosted"/>.</summary>
public sealed record ShareBackDeleted(long Sequence, int PlayDayId, int ShareBackId) : BoardEvent(Sequence, PlayDayId);

public sealed record ReactionsChanged(long Sequence, int PlayDayId, int ShareBackId, IReadOnlyDictionary<string, int> Counts) : BoardEvent(Sequence, PlayDayId);

/// <summary>The presenter or the timer changed. Clients count down to <c>EndsAtUtc</c>, or show <c>RemainingMs</c> while paused.</summary>
public sealed record SessionChanged(long Sequence, int PlayDayId, bool Started, int? CurrentTeamId, string? CurrentTeamName,
    DateTime? EndsAtUtc, bool Paused, long? RemainingMs, DateTime ServerNowUtc) : BoardEvent(Sequence, PlayDayId);

public sealed record QueueChanged(long Sequence, int PlayDayId) : BoardEvent(Sequence, PlayDayId);
