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
    public List<Invitee> Invitees { get; } = [];

    /// <summary>The calendar UID (RFC 5545): random, so it reveals no host or user, and never changed.</summary>
    public Guid CalendarUid { get; private set; } = Guid.NewGuid();

    /// <summary>Calendar SEQUENCE: goes up with every change invitees must hear about.</summary>
    public int Sequence { get; private set; }

    /// <summary>Goes up with every save of the form, so two organizers editing at once cannot overwrite each other unseen.</summary>
    public int Version { get; set; }

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

    /// <summary>What calendars show: a change here must reach invitees as an update.</summary>
    public (string Title, DateTime Start, DateTime End, string Zone, string? Location, string? VideoLink) CalendarFacts =>
        (Title, StartsAtUtc, EndsAtUtc, TimeZoneId, Location, VideoLink);

    /// <summary>For an archive import: the play day keeps the UID it had where it was exported.</summary>
    public void RestoreCalendarUid(Guid uid) => CalendarUid = uid;

    /// <summary>Marks a change that calendars must pick up (RFC 5545 SEQUENCE).</summary>
    public void IncrementSequence() => Sequence++;

    public void Cancel(string by, string? reason, DateTime atUtc)
    {
        if (IsCancelled)
        {
            return;
        }
        IncrementSequence();
        CancelledAtUtc = atUtc;
        CancelledBy = by;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }
}
