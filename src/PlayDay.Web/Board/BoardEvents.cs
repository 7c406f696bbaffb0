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

public sealed record ShareBackPosted(long Sequence, int PlayDayId, int ShareBackId, int TeamId, string TeamName, string Title);

public sealed record ShareBackEdited(long Sequence, int PlayDayId, int ShareBackId, string Title);

public sealed record ShareBackDeleted(long Sequence, int PlayDayId, int ShareBackId);

public sealed record ReactionsChanged(long Sequence, int PlayDayId, int ShareBackId, IReadOnlyDictionary<string, int> Counts);

/// <summary>The presenter or the timer changed. Clients count down to <c>EndsAtUtc</c>, or show <c>RemainingMs</c> while paused.</summary>
public sealed record SessionChanged(long Sequence, int PlayDayId, bool Started, int? CurrentTeamId, string? CurrentTeamName,
    DateTime? EndsAtUtc, bool Paused, long? RemainingMs, DateTime ServerNowUtc);

public sealed record QueueChanged(long Sequence, int PlayDayId);
