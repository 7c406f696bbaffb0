namespace PlayDay.Web.Data;

/// <summary>
/// One row (Id 1) that says who became this install's first organizer. The primary key makes the
/// claim race-free: of several first registrations at once, exactly one insert succeeds.
/// </summary>
public sealed class Installation
{
    public const int TheId = 1;

    public int Id { get; set; } = TheId;
    public string FirstOrganizerUserId { get; set; } = "";
    public DateTime ClaimedAtUtc { get; set; }
}

/// <summary>A named instant written by the health check, so /healthz knows that writes still succeed.</summary>
public sealed class Heartbeat
{
    public const int NameMaxLength = 64;

    public string Name { get; set; } = "";
    public DateTime AtUtc { get; set; }
}
