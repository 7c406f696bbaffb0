namespace PlayDay.Web.Data;

/// <summary>Someone an organizer invited to a play day; they get every update and the cancellation.</summary>
public sealed class Invitee
{
    public const int EmailMaxLength = 256;

    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public string Email { get; set; } = "";
    public DateTime InvitedAtUtc { get; set; }
    public string InvitedBy { get; set; } = "";
}
