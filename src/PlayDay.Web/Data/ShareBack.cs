namespace PlayDay.Web.Data;

/// <summary>What a team reports back: one per team, edited by its members.</summary>
public sealed class ShareBack
{
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 20_000;
    public const int MaxTags = 8;
    public const int TagMaxLength = 30;

    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public int TeamId { get; set; }
    public Team? Team { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Tools used, lower-case, comma-separated.</summary>
    public string Tags { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime PostedAtUtc { get; set; }
    public string PostedBy { get; set; } = "";
    public DateTime? EditedAtUtc { get; set; }
    public string? EditedBy { get; set; }

    /// <summary>Sent by the client with the first post, so a retried post is recognised and not posted twice.</summary>
    public Guid IdempotencyKey { get; set; }
    public List<Reaction> Reactions { get; } = [];

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The reactions people can give a share-back: about reuse, not popularity.</summary>
public enum ReactionKind
{
    WouldUse = 0,
    TryThisWeek = 1,
    TriedAlready = 2,
    GreatFailure = 3,
}

public sealed class Reaction
{
    public int ShareBackId { get; set; }
    public string UserId { get; set; } = "";
    public ReactionKind Kind { get; set; }
}
