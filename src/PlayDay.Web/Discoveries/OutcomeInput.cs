using System.ComponentModel.DataAnnotations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Discoveries;

/// <summary>The outcome form (on the share-back's page and behind the follow-up email's link), bound as <c>Report</c>.</summary>
public sealed class OutcomeInput
{
    [Display(Name = "What became of it")]
    public Outcome? Outcome { get; set; }

    [Display(Name = "Before: minutes a week the task took (each person)")]
    [Range(0, Figures.MaxMinutesPerWeek, ErrorMessage = "Minutes a week are between {1} and {2}.")]
    public int? MinutesPerWeekBefore { get; set; }

    [Display(Name = "After: minutes a week it takes now")]
    [Range(0, Figures.MaxMinutesPerWeek, ErrorMessage = "Minutes a week are between {1} and {2}.")]
    public int? MinutesPerWeekAfter { get; set; }

    [Display(Name = "People who do the task")]
    [Range(0, Figures.MaxPeople, ErrorMessage = "A number of people is between {1} and {2}.")]
    public int? PeopleDoingTask { get; set; }

    [Display(Name = "People who use the new way")]
    [Range(0, Figures.MaxPeople, ErrorMessage = "A number of people is between {1} and {2}.")]
    public int? PeopleUsingNewWay { get; set; }

    [Display(Name = "How we measured")]
    [StringLength(Figures.HowMeasuredMaxLength, ErrorMessage = "“How we measured” can be at most {1} characters.")]
    [MultiLine]
    public string? HowMeasured { get; set; }

    [Display(Name = "Note (why, what changed; required when dropping it)")]
    [StringLength(OutcomeUpdate.NoteMaxLength, ErrorMessage = "The note can be at most {1} characters.")]
    [MultiLine]
    public string? Note { get; set; }

    public Figures Figures => new(MinutesPerWeekBefore, MinutesPerWeekAfter, PeopleDoingTask, PeopleUsingNewWay, HowMeasured);

    /// <summary>The form as the share-back stands: its outcome and figures, an empty note.</summary>
    public static OutcomeInput From(ShareBack shareBack) => new()
    {
        Outcome = shareBack.Outcome,
        MinutesPerWeekBefore = shareBack.MinutesPerWeekBefore,
        MinutesPerWeekAfter = shareBack.MinutesPerWeekAfter,
        PeopleDoingTask = shareBack.PeopleDoingTask,
        PeopleUsingNewWay = shareBack.PeopleUsingNewWay,
        HowMeasured = shareBack.HowMeasured,
    };
}

/// <summary>A page that shows the outcome form: what it binds and where the discovery stands now.</summary>
public interface IOutcomeForm
{
    OutcomeInput Report { get; }

    Outcome Current { get; }
}
