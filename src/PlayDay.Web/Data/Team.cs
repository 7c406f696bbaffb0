namespace PlayDay.Web.Data;

/// <summary>When a team asked to present.</summary>
public enum QueueAsk
{
    Normal = 0,
    Early = 1,
    Late = 2,
}

/// <summary>A team at one play day, with its place in the share-back queue.</summary>
public sealed class Team
{
    public const int NameMaxLength = 80;
    public const int PlanMaxLength = 1000;

    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public string Name { get; set; } = "";
    public string Plan { get; set; } = "";
    public QueueAsk Ask { get; set; }

    /// <summary>Sort key of the queue: band (0 early, 1 normal, 2 late), then order within it.</summary>
    public int QueueBand { get; set; }
    public int QueueOrder { get; set; }
    public bool Skipped { get; set; }
    public DateTime? PresentedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<TeamMember> Members { get; } = [];

    /// <summary>The earlier share-back ("re-test next quarter") this team set out to try again, if it picked one.</summary>
    public int? RetestOfShareBackId { get; set; }

    /// <summary>The room's reactions to this team's share-back (and to its presentation).</summary>
    public List<Reaction> Reactions { get; } = [];

    public static int BandFor(QueueAsk ask) => ask switch
    {
        QueueAsk.Early => 0,
        QueueAsk.Late => 2,
        _ => 1,
    };

    /// <summary>A play day's share-back queue in presenting order: early, no preference, late, then the place within each.</summary>
    public static IQueryable<Team> Queue(IQueryable<Team> teams, int playDayId) =>
        teams.Where(t => t.PlayDayId == playDayId).OrderBy(t => t.QueueBand).ThenBy(t => t.QueueOrder).ThenBy(t => t.Id);

    /// <summary>Who "next presenter" calls in <paramref name="queue"/>: the first team still waiting, not skipped, not on now.</summary>
    public static Team? NextIn(IEnumerable<Team> queue, int? currentTeamId) =>
        queue.FirstOrDefault(t => !t.Skipped && t.PresentedAtUtc is null && t.Id != currentTeamId);

    /// <summary>Swaps queue places with <paramref name="other"/> (an organizer's move up or down).</summary>
    public void SwapPlaceWith(Team other)
    {
        (QueueBand, other.QueueBand) = (other.QueueBand, QueueBand);
        (QueueOrder, other.QueueOrder) = (other.QueueOrder, QueueOrder);
    }
}

public sealed class TeamMember
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Repeated from the team so the database can hold one team per person per play day.</summary>
    public int PlayDayId { get; set; }
    public DateTime JoinedAtUtc { get; set; }
    public AppUser? User { get; set; }
}
