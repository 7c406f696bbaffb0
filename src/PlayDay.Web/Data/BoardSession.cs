namespace PlayDay.Web.Data;

/// <summary>
/// The live session of one play day, owned by the server: who presents, when their slot started,
/// its length, pauses and extensions. Clients only compute a countdown from <see cref="EndsAtUtc"/>.
/// </summary>
public sealed class BoardSession
{
    public int PlayDayId { get; set; }

    /// <summary>Goes up with every board event, so a client can tell when it missed one.</summary>
    public long Sequence { get; set; }
    public DateTime? StartedAtUtc { get; private set; }
    public int? CurrentTeamId { get; private set; }
    public DateTime? SlotStartedAtUtc { get; private set; }
    public int SlotSeconds { get; private set; }
    public DateTime? PausedAtUtc { get; private set; }
    public int PausedSeconds { get; private set; }

    /// <summary>The question an organizer put on the projector, if any.</summary>
    public int? ShownQuestionId { get; set; }

    public bool IsStarted => StartedAtUtc is not null;
    public bool IsPaused => PausedAtUtc is not null;

    /// <summary>When the current slot ends if nobody pauses it; pauses so far push it back.</summary>
    public DateTime? EndsAtUtc => SlotStartedAtUtc?.AddSeconds(SlotSeconds + PausedSeconds);

    /// <summary>Time left in the slot; frozen while paused; negative in overtime.</summary>
    public TimeSpan? Remaining(DateTime nowUtc) => EndsAtUtc - (PausedAtUtc ?? nowUtc);

    public void Start(DateTime nowUtc) => StartedAtUtc ??= nowUtc;

    public void StartSlot(int teamId, int seconds, DateTime nowUtc)
    {
        Start(nowUtc);
        CurrentTeamId = teamId;
        SlotStartedAtUtc = nowUtc;
        SlotSeconds = seconds;
        PausedAtUtc = null;
        PausedSeconds = 0;
    }

    public void Pause(DateTime nowUtc) => PausedAtUtc ??= nowUtc;

    public void Resume(DateTime nowUtc)
    {
        if (PausedAtUtc is { } pausedAt)
        {
            PausedSeconds += (int)Math.Round((nowUtc - pausedAt).TotalSeconds);
            PausedAtUtc = null;
        }
    }

    public void Extend(int seconds) => SlotSeconds += seconds;

    public void EndSlot()
    {
        CurrentTeamId = null;
        SlotStartedAtUtc = null;
        SlotSeconds = 0;
        PausedAtUtc = null;
        PausedSeconds = 0;
    }
}
