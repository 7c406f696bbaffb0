namespace PlayDay.Web.Data;

/// <summary>What slows a discovery down on its way from one team to many: the middle layer made visible.</summary>
public enum BlockerKind
{
    Approval = 0,
    DataAccess = 1,
    SecurityReview = 2,
    Cost = 3,
    ToolAvailability = 4,
    NoTime = 5,
    ManagerPriorities = 6,
    Other = 7,
}

public static class BlockerKinds
{
    public static readonly BlockerKind[] All = Enum.GetValues<BlockerKind>();

    public static string Label(BlockerKind kind) => kind switch
    {
        BlockerKind.Approval => "Waiting for approval",
        BlockerKind.DataAccess => "No access to the data",
        BlockerKind.SecurityReview => "Security or privacy review",
        BlockerKind.Cost => "Cost or licences",
        BlockerKind.ToolAvailability => "The tool is not available to us",
        BlockerKind.NoTime => "No time to make the change",
        BlockerKind.ManagerPriorities => "Other priorities from management",
        _ => "Something else",
    };

    /// <summary>Outcomes under way, where something can slow a discovery down.</summary>
    public static bool AppliesTo(Outcome outcome) => outcome is Outcome.Trying or Outcome.Adopted or Outcome.Spreading;
}

/// <summary>
/// One thing a team says slows its discovery down, with a note; it stays on the record when it is
/// cleared, so organizers see which blockers recur and how long they held things up.
/// </summary>
public sealed class Blocker
{
    public const int NoteMaxLength = 1000;

    public int Id { get; set; }
    public int ShareBackId { get; set; }
    public BlockerKind Kind { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    public string? ClearedBy { get; set; }
    public DateTime? ClearedAtUtc { get; set; }

    public bool IsCleared => ClearedAtUtc is not null;
}
