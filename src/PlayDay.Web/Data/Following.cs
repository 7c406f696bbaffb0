namespace PlayDay.Web.Data;

/// <summary>How often a person gets the digest of what is new in the tools they follow.</summary>
public enum DigestFrequency
{
    Weekly = 0,
    Daily = 1,
    Off = 2,
}

/// <summary>
/// A tool someone follows. In PlayDay a share-back's tags are the tools it used, so following a
/// tool and following a tag are one thing.
/// </summary>
public sealed class FollowedTag
{
    /// <summary>Enough for every tool anyone uses; more is a list nobody reads.</summary>
    public const int MaxPerPerson = 50;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string Tag { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A person's following settings: how often the digest comes, and the secret of their Atom feeds. One row per person, made when first needed.</summary>
public sealed class Follower
{
    public const int FeedTokenMaxLength = 64;

    public string UserId { get; set; } = "";

    /// <summary>Null: the organizers' default (<c>Following:DefaultDigest</c>).</summary>
    public DigestFrequency? Digest { get; set; }

    /// <summary>Secret in the Atom feed URLs; null when the person has none or turned it off.</summary>
    public string? FeedToken { get; set; }
}

/// <summary>
/// The digest of one person for one period: written in the same transaction as its email (or with
/// none, when nothing was new), so the unique (person, period) key refuses a second digest for the
/// period, whatever restarts and second instances do.
/// </summary>
public sealed class Digest
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public DigestFrequency Frequency { get; set; }
    public DateTime PeriodStartUtc { get; set; }
    public DateTime PeriodEndUtc { get; set; }

    /// <summary>What the digest covered: from the end of the previous one (or the period's start) to the period's end.</summary>
    public DateTime CoveredFromUtc { get; set; }
    public int ShareBacks { get; set; }
    public int OutcomeChanges { get; set; }
    public DateTime MadeAtUtc { get; set; }

    /// <summary>The email, or null when nothing was new.</summary>
    public int? MailId { get; set; }
}
