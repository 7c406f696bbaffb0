namespace PlayDay.Web.Discoveries;

/// <summary>The follow-up emails some weeks after a play day, and the one-use links in them.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>Off: no follow-up emails are sent (links already sent keep working).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two looks for follow-ups that are due.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>A follow-up more than this many days late (the app was down, old data) is skipped, not sent.</summary>
    public int MaxLateDays { get; set; } = 14;

    /// <summary>How long a follow-up email's link works.</summary>
    public int LinkDays { get; set; } = 21;
}
