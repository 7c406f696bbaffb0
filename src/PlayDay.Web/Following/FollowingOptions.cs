using PlayDay.Web.Data;

namespace PlayDay.Web.Following;

/// <summary>The digest of what is new in the tools people follow.</summary>
public sealed class FollowingOptions
{
    public const string Section = "Following";

    /// <summary>Off: no digests are made (following and the feeds still work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often people who never chose get the digest.</summary>
    public DigestFrequency DefaultDigest { get; set; } = DigestFrequency.Weekly;

    /// <summary>The hour (UTC) a period ends and its digest is made; a weekly period ends on <see cref="WeeklyOn"/>.</summary>
    public int SendHourUtc { get; set; } = 7;

    public DayOfWeek WeeklyOn { get; set; } = DayOfWeek.Monday;

    /// <summary>Seconds between two looks for digests that are due.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>People one round makes digests for; the next round follows at once while there are more.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>At most this many share-backs and as many outcome changes in one email; the rest are counted and linked.</summary>
    public int MaxItems { get; set; } = 30;
}
