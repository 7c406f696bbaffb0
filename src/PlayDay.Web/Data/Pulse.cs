namespace PlayDay.Web.Data;

/// <summary>When a person is asked the pulse questions: as they join a team, or once the play day is over.</summary>
public enum PulseMoment
{
    Joining = 0,
    AfterPlayDay = 1,
}

/// <summary>
/// One anonymous answer to one pulse question ("What worries you about AI in your work?"). Nothing
/// links it to the person: no account, no name, no time finer than the day, and a random key, so
/// the rows are stored in no particular order (the table has no rowid). The day only keeps answers
/// from organizers' eyes until it is over, so an answer cannot be matched to who just joined.
/// </summary>
public sealed class PulseAnswer
{
    public const int TextMaxLength = 1000;
    public const int ThemeMaxLength = 60;

    /// <summary>Shown to organizers only from this many answers to a question on.</summary>
    public const int ShownFrom = 5;

    public Guid Id { get; set; }
    public int PlayDayId { get; set; }
    public PulseMoment Moment { get; set; }
    public string Question { get; set; } = "";
    public string Text { get; set; } = "";
    public DateOnly Day { get; set; }

    /// <summary>A theme an organizer marked the answer with ("fear of job loss"), to follow across quarters.</summary>
    public string? Theme { get; set; }
}

/// <summary>That a person has answered a play day's pulse at a moment (so they are not asked again); never what.</summary>
public sealed class PulseResponse
{
    public int PlayDayId { get; set; }
    public PulseMoment Moment { get; set; }
    public string UserId { get; set; } = "";
}
