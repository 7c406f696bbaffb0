using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>The share-back queue's order, shared by the board, the teams page and the calendar feed.</summary>
public static class BoardView
{
    /// <summary>Who "next presenter" would call: the first team still waiting, not skipped.</summary>
    public static Team? NextIn(IEnumerable<Team> queue, int? currentTeamId) =>
        queue.FirstOrDefault(t => !t.Skipped && t.PresentedAtUtc is null && t.Id != currentTeamId);

    public static IQueryable<Team> OrderedQueue(PlayDayDbContext db, int playDayId) =>
        db.Teams.Where(t => t.PlayDayId == playDayId).OrderBy(t => t.QueueBand).ThenBy(t => t.QueueOrder).ThenBy(t => t.Id);
}

public static class ReactionLabels
{
    public static readonly ReactionKind[] All = Enum.GetValues<ReactionKind>();

    public static string Label(ReactionKind kind) => kind switch
    {
        ReactionKind.WouldUse => "I'd use this",
        ReactionKind.TryThisWeek => "I'll try this week",
        ReactionKind.TriedAlready => "Tried it already",
        ReactionKind.GreatFailure => "Great failure",
        _ => kind.ToString(),
    };

    public static string Symbol(ReactionKind kind) => kind switch
    {
        ReactionKind.WouldUse => "👍",
        ReactionKind.TryThisWeek => "🧪",
        ReactionKind.TriedAlready => "✅",
        ReactionKind.GreatFailure => "💥",
        _ => "",
    };
}
