namespace PlayDay.Web.Data;

/// <summary>
/// What became of a discovery after its five minutes, as its team reports it. Failures count as much
/// as wins: Dropped (with the reason) and Re-test next quarter are outcomes, not gaps.
/// </summary>
public enum Outcome
{
    Shared = 0,
    Trying = 1,
    Adopted = 2,

    /// <summary>Other teams use it too.</summary>
    Spreading = 3,

    /// <summary>Honestly given up; a reason is required.</summary>
    Dropped = 4,

    /// <summary>It almost worked; tools may be better next quarter.</summary>
    RetestNextQuarter = 5,
}

public static class Outcomes
{
    public static readonly Outcome[] All = Enum.GetValues<Outcome>();

    public static string Label(Outcome outcome) => outcome switch
    {
        Outcome.Shared => "Shared",
        Outcome.Trying => "Trying",
        Outcome.Adopted => "Adopted",
        Outcome.Spreading => "Spreading",
        Outcome.Dropped => "Dropped",
        Outcome.RetestNextQuarter => "Re-test next quarter",
        _ => outcome.ToString(),
    };

    public static string Explanation(Outcome outcome) => outcome switch
    {
        Outcome.Shared => "Shown at the play day; nothing decided yet.",
        Outcome.Trying => "The team is trying it in its real work.",
        Outcome.Adopted => "It is part of how the team works now.",
        Outcome.Spreading => "Other teams use it too.",
        Outcome.Dropped => "Given up, for a reason worth knowing.",
        Outcome.RetestNextQuarter => "It almost worked: try again when the tools are better.",
        _ => "",
    };

    /// <summary>Where a discovery can go from here (it can always stay, and a later quarter can reopen a drop).</summary>
    public static IReadOnlyList<Outcome> Next(Outcome from) => from switch
    {
        Outcome.Shared => [Outcome.Trying, Outcome.Adopted, Outcome.Dropped, Outcome.RetestNextQuarter],
        Outcome.Trying => [Outcome.Adopted, Outcome.Spreading, Outcome.Dropped, Outcome.RetestNextQuarter],
        Outcome.Adopted => [Outcome.Spreading, Outcome.Dropped],
        Outcome.Spreading => [Outcome.Adopted, Outcome.Dropped],
        Outcome.Dropped => [Outcome.Trying, Outcome.RetestNextQuarter],
        Outcome.RetestNextQuarter => [Outcome.Trying, Outcome.Adopted, Outcome.Dropped],
        _ => [],
    };
}

/// <summary>
/// Before → after figures as the team reports them, with how it measured: never per person, never
/// a ranking, only what this one discovery did to one way of working.
/// </summary>
public sealed record Figures(int? MinutesPerWeekBefore, int? MinutesPerWeekAfter, int? PeopleDoingTask, int? PeopleUsingNewWay, string? HowMeasured)
{
    public const int MaxMinutesPerWeek = 10_000;
    public const int MaxPeople = 100_000;
    public const int HowMeasuredMaxLength = 1000;

    public bool Any => MinutesPerWeekBefore is not null || MinutesPerWeekAfter is not null || PeopleDoingTask is not null || PeopleUsingNewWay is not null;

    /// <summary>Minutes a week saved for everyone who uses the new way, when the team gave enough to say.</summary>
    public int? MinutesSavedPerWeek =>
        MinutesPerWeekBefore is { } before && MinutesPerWeekAfter is { } after
            ? (before - after) * (PeopleUsingNewWay ?? 1)
            : null;

    /// <summary>The figures in a line ("45 → 10 minutes a week · 3 of 8 people use the new way"), or null when there are none.</summary>
    public string? Summary()
    {
        var parts = new List<string>();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (MinutesPerWeekBefore is not null || MinutesPerWeekAfter is not null)
        {
            parts.Add(string.Create(c, $"{(MinutesPerWeekBefore is { } b ? b.ToString("N0", c) : "?")} → {(MinutesPerWeekAfter is { } a ? a.ToString("N0", c) : "?")} minutes a week"));
        }
        if (PeopleUsingNewWay is { } using_)
        {
            parts.Add(PeopleDoingTask is { } doing
                ? string.Create(c, $"{using_:N0} of {doing:N0} people who do the task use the new way")
                : string.Create(c, $"{using_:N0} {(using_ == 1 ? "person uses" : "people use")} the new way"));
        }
        else if (PeopleDoingTask is { } doing)
        {
            parts.Add(string.Create(c, $"{doing:N0} {(doing == 1 ? "person does" : "people do")} the task"));
        }
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    /// <summary>Why these figures cannot be stored, or null.</summary>
    public string? Problem()
    {
        if (MinutesPerWeekBefore is < 0 or > MaxMinutesPerWeek || MinutesPerWeekAfter is < 0 or > MaxMinutesPerWeek)
        {
            return $"Minutes a week are between 0 and {MaxMinutesPerWeek}.";
        }
        if (PeopleDoingTask is < 0 or > MaxPeople || PeopleUsingNewWay is < 0 or > MaxPeople)
        {
            return $"Numbers of people are between 0 and {MaxPeople}.";
        }
        if (PeopleUsingNewWay > PeopleDoingTask && PeopleDoingTask is not null)
        {
            return "More people use the new way than do the task: check the two numbers.";
        }
        if (HowMeasured?.Length > HowMeasuredMaxLength)
        {
            return $"“How we measured” can be at most {HowMeasuredMaxLength} characters.";
        }
        return UserText.Problem(HowMeasured, multiLine: true);
    }
}

/// <summary>One change of a share-back's outcome and figures: who, when, why.</summary>
public sealed class OutcomeUpdate
{
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }
    public int ShareBackId { get; set; }
    public Outcome From { get; set; }
    public Outcome To { get; set; }
    public string? Note { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>How it was reported: signed in, or through the follow-up email's link.</summary>
    public bool ViaFollowUp { get; set; }
}

/// <summary>How far another team has got with someone's discovery.</summary>
public enum AdoptionStage
{
    WantToTry = 0,
    UsingNow = 1,
}

/// <summary>
/// Someone who wants to try a discovery, or whose team uses it now: named, so the discoverers can
/// help. The anonymous "I'll try this week" reaction stays a reaction; this is the follow-up-able one.
/// </summary>
public sealed class Adoption
{
    public const int TeamNameMaxLength = 80;

    public int Id { get; set; }
    public int ShareBackId { get; set; }
    public string UserId { get; set; } = "";
    public string PersonName { get; set; } = "";

    /// <summary>The adopter's own team in the company ("Finance operations"), as they name it.</summary>
    public string TeamName { get; set; } = "";
    public AdoptionStage Stage { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// A follow-up email sent to a team some weeks after its play day. The row is written in the same
/// transaction as the email, so no nudge is sent twice (the unique key refuses a second), and it
/// holds the one-use link's state.
/// </summary>
public sealed class FollowUpNudge
{
    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public int TeamId { get; set; }
    public int ShareBackId { get; set; }
    public int WeeksAfter { get; set; }
    public DateTime SentAtUtc { get; set; }

    /// <summary>Matches the signed link; a link for another nudge of the same share-back does not open this one.</summary>
    public Guid LinkId { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
}
