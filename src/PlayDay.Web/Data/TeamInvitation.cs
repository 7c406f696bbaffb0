namespace PlayDay.Web.Data;

/// <summary>Who asked whom: a team inviting someone, or someone asking to join a team.</summary>
public enum InvitationKind
{
    /// <summary>A team member invited this address; its owner accepts or declines.</summary>
    Invitation = 0,

    /// <summary>This person asked to join; a team member approves or declines.</summary>
    Request = 1,
}

/// <summary>
/// A pending change of team membership that needs the other side's consent: nobody joins a team
/// without its members agreeing, and nobody is added to a team without saying yes.
/// </summary>
public sealed class TeamInvitation
{
    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public int TeamId { get; set; }
    public InvitationKind Kind { get; set; }

    /// <summary>The invited address or the asking person's address, normalized (upper case), as Identity stores it.</summary>
    public string NormalizedEmail { get; set; } = "";
    public string CreatedByUserId { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
