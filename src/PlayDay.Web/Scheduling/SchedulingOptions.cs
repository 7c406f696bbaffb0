namespace PlayDay.Web.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "PlayDay";

    /// <summary>IANA zone a new play day starts in.</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Berlin";
}
