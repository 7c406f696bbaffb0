using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Data;

/// <summary>
/// A scheduled play day. Named PlayDayEvent because a type called PlayDay would clash with the
/// root namespace. Local date, times and zone are the source of truth; the UTC instants are
/// derived from them for ordering and queries.
/// </summary>
public sealed class PlayDayEvent
{
    public const int TitleMaxLength = 120;
    public const int BriefMaxLength = 20_000;
    public const int LocationMaxLength = 200;
    public const int VideoLinkMaxLength = 500;
    public const int TimeZoneIdMaxLength = 64;
    public const int CancellationReasonMaxLength = 500;
    public const int DefaultShareBackMinutes = 5;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Brief { get; set; } = "";
    public DateOnly Date { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public TimeOnly EndTime { get; private set; }
    public string TimeZoneId { get; private set; } = "UTC";
    public DateTime StartsAtUtc { get; private set; }
    public DateTime EndsAtUtc { get; private set; }
    public string? Location { get; set; }
    public string? VideoLink { get; set; }
    public int ShareBackMinutes { get; set; } = DefaultShareBackMinutes;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? CancelledAtUtc { get; private set; }
    public string? CancelledBy { get; private set; }
    public string? CancellationReason { get; private set; }
    public List<PlayDayChange> Changes { get; } = [];

    public bool IsCancelled => CancelledAtUtc is not null;

    public Quarter Quarter => Quarter.Of(Date);

    public PlayDayTimes Times => new(Date, StartTime, EndTime, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    public void Reschedule(PlayDayTimes times)
    {
        Date = times.Date;
        StartTime = times.Start;
        EndTime = times.End;
        TimeZoneId = times.Zone.Id;
        StartsAtUtc = times.StartsAtUtc;
        EndsAtUtc = times.EndsAtUtc;
    }

    public void Cancel(string by, string? reason, DateTime atUtc)
    {
        if (IsCancelled)
        {
            return;
        }
        CancelledAtUtc = atUtc;
        CancelledBy = by;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }
}
