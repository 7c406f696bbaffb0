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

    /// <summary>The room's reactions to this team's share-back (and to its presentation).</summary>
    public List<Reaction> Reactions { get; } = [];

    public static int BandFor(QueueAsk ask) => ask switch
    {
        QueueAsk.Early => 0,
        QueueAsk.Late => 2,
        _ => 1,
    };

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
