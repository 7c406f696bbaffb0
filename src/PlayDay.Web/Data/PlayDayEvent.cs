using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Data;

/// <summary>Where a play day is in its life; what may change depends on it (<see cref="PlayDayEvent.Refusal"/>).</summary>
public enum PlayDayState
{
    Upcoming,
    Live,
    Past,
    Cancelled,
}

/// <summary>Every kind of change people make to a play day's teams and board.</summary>
public enum PlayDayAction
{
    /// <summary>Create a team, invite, ask to join, accept, approve, decline, withdraw, leave.</summary>
    ChangeTeams,
    PostShareBack,
    EditShareBack,
    DeleteShareBack,
    RestoreShareBack,
    React,

    /// <summary>Ask a team a question, or vote for one.</summary>
    AskQuestion,

    /// <summary>The organizer's session and queue controls.</summary>
    RunSession,

    /// <summary>Answer "Are you coming?", on the site or by a calendar reply.</summary>
    Respond,

    /// <summary>Report what became of a share-back: its outcome, figures and a note.</summary>
    ReportOutcome,

    /// <summary>Say "I want to try this" or "We use this now" of someone's share-back.</summary>
    Adopt,
}

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

    /// <summary>Weeks after the play day when each team that presented gets a follow-up email ("2,6").</summary>
    public string FollowUpWeeks { get; set; } = DefaultFollowUpWeeks;

    public const string DefaultFollowUpWeeks = "2,6";

    /// <summary>The optional anonymous questions asked when a person joins a team (one a line), editable by organizers; empty: the defaults.</summary>
    public string PulseJoiningQuestions { get; set; } = "";

    /// <summary>The optional anonymous questions asked once the play day is over (one a line); empty: the defaults.</summary>
    public string PulseAfterQuestions { get; set; } = "";

    public const string DefaultPulseJoiningQuestions = "What's in it for you?\nWhat worries you about AI in your work?";
    public const string DefaultPulseAfterQuestions = "What did today change for you, if anything?\nWhat worries you about AI in your work now?";
    public const int PulseQuestionMaxLength = 300;
    public const int MaxPulseQuestions = 3;

    public IReadOnlyList<string> PulseQuestions(PulseMoment moment) =>
        (moment == PulseMoment.Joining
            ? (PulseJoiningQuestions.Length > 0 ? PulseJoiningQuestions : DefaultPulseJoiningQuestions)
            : (PulseAfterQuestions.Length > 0 ? PulseAfterQuestions : DefaultPulseAfterQuestions))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxPulseQuestions).ToList();

    public IReadOnlyList<int> FollowUpWeekList => FollowUpWeeks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(w => int.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out var weeks) ? weeks : 0).Where(w => w is > 0 and <= 52).Distinct().Order().ToList();
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

    /// <summary>The board stays open this long after the scheduled end: share-backs overrun, and write-ups follow.</summary>
    public static readonly TimeSpan WrapUp = TimeSpan.FromHours(12);

    /// <summary>When the play day stops taking team changes, posts and reactions.</summary>
    public DateTime ClosesAtUtc => EndsAtUtc + WrapUp;

    public PlayDayState StateAt(DateTime nowUtc) =>
        IsCancelled ? PlayDayState.Cancelled
        : nowUtc >= ClosesAtUtc ? PlayDayState.Past
        : nowUtc >= StartsAtUtc ? PlayDayState.Live
        : PlayDayState.Upcoming;

    /// <summary>
    /// Why the play day's state forbids <paramref name="action"/> now, or null when it allows it.
    /// Who may act (team member, organizer) is checked where the action is; this is about when.
    /// </summary>
    public string? Refusal(PlayDayAction action, DateTime nowUtc, bool isOrganizer = false)
    {
        var state = StateAt(nowUtc);
        var allowed = (action, state) switch
        {
            // What became of a discovery is told after the day, for months: outcomes, adopters, questions.
            (PlayDayAction.ReportOutcome or PlayDayAction.Adopt, PlayDayState.Upcoming) => false,
            (PlayDayAction.ReportOutcome or PlayDayAction.Adopt or PlayDayAction.AskQuestion, PlayDayState.Past) => true,
            (_, PlayDayState.Upcoming or PlayDayState.Live) => true,
            // The archive stays correctable: the team (or an organizer) may fix a share-back and delete it.
            (PlayDayAction.EditShareBack or PlayDayAction.DeleteShareBack, PlayDayState.Past) => true,
            // Organizers can always take content down and bring it back (both kept as revisions).
            (PlayDayAction.DeleteShareBack or PlayDayAction.RestoreShareBack, _) => isOrganizer,
            _ => false,
        };
        if (allowed)
        {
            return null;
        }
        return state == PlayDayState.Cancelled
            ? "This play day is cancelled, so it is read-only."
            : action switch
            {
                PlayDayAction.ChangeTeams => "This play day is over, so its teams can no longer change.",
                PlayDayAction.PostShareBack => "This play day is over, so new share-backs can no longer be posted.",
                PlayDayAction.React => "This play day is over, so reactions are closed.",
                PlayDayAction.AskQuestion => "This play day is over, so questions and votes are closed.",
                PlayDayAction.RunSession => "This play day is over, so its share-back session can no longer run.",
                PlayDayAction.Respond => "This play day is over, so answers are closed.",
                PlayDayAction.ReportOutcome or PlayDayAction.Adopt when state == PlayDayState.Upcoming => "This play day has not happened yet, so there is no discovery to report on.",
                _ => "This play day is over, so that can no longer change.",
            };
    }

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
