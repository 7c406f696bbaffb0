namespace PlayDay.Web.Data;

/// <summary>One entry in a play day's change log: who changed what, and when.</summary>
public sealed class PlayDayChange
{
    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public DateTime ChangedAtUtc { get; set; }
    public string ChangedBy { get; set; } = "";
    public string Summary { get; set; } = "";
}
