using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Pages.PlayDays;

/// <summary>The play day form, shared by Create and Edit, bound as <c>Input</c>.</summary>
public sealed class PlayDayInput
{
    [Required(ErrorMessage = "Give the play day a title.")]
    [StringLength(PlayDayEvent.TitleMaxLength, ErrorMessage = "The title can be at most {1} characters.")]
    [SingleLine]
    public string Title { get; set; } = "";

    [Display(Name = "Theme and brief (Markdown)")]
    [StringLength(PlayDayEvent.BriefMaxLength, ErrorMessage = "The brief can be at most {1} characters.")]
    [MultiLine]
    public string? Brief { get; set; }

    [Required(ErrorMessage = "Pick a date.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Starts at")]
    [Required(ErrorMessage = "Give a start time.")]
    public TimeOnly? StartTime { get; set; }

    [Display(Name = "Ends at")]
    [Required(ErrorMessage = "Give an end time.")]
    public TimeOnly? EndTime { get; set; }

    [Display(Name = "Time zone")]
    [Required(ErrorMessage = "Pick a time zone.")]
    [StringLength(PlayDayEvent.TimeZoneIdMaxLength, ErrorMessage = "The time zone can be at most {1} characters.")]
    [SingleLine]
    public string TimeZoneId { get; set; } = "";

    [StringLength(PlayDayEvent.LocationMaxLength, ErrorMessage = "The location can be at most {1} characters.")]
    [SingleLine]
    public string? Location { get; set; }

    [Display(Name = "Video link")]
    [StringLength(PlayDayEvent.VideoLinkMaxLength, ErrorMessage = "The video link can be at most {1} characters.")]
    [SingleLine]
    public string? VideoLink { get; set; }

    [Display(Name = "Share-back length (minutes)")]
    [Range(1, 30, ErrorMessage = "A share-back lasts between {1} and {2} minutes.")]
    public int ShareBackMinutes { get; set; } = PlayDayEvent.DefaultShareBackMinutes;

    [Display(Name = "Follow-up emails (weeks after the play day)")]
    [StringLength(40, ErrorMessage = "List at most {1} characters of weeks, such as “2, 6”.")]
    [SingleLine]
    public string? FollowUpWeeks { get; set; } = "2, 6";

    public const int MaxFollowUps = 3;
    public const int MaxFollowUpWeeks = 26;

    /// <summary>The version the form was opened on; saving fails if someone saved in between.</summary>
    public int Version { get; set; }

    public static PlayDayInput From(PlayDayEvent playDay) => new()
    {
        Version = playDay.Version,
        Title = playDay.Title,
        Brief = playDay.Brief,
        Date = playDay.Date,
        StartTime = playDay.StartTime,
        EndTime = playDay.EndTime,
        TimeZoneId = playDay.TimeZoneId,
        Location = playDay.Location,
        VideoLink = playDay.VideoLink,
        ShareBackMinutes = playDay.ShareBackMinutes,
        FollowUpWeeks = string.Join(", ", playDay.FollowUpWeekList),
    };

    /// <summary>
    /// "2, 6" as stored ("2,6"), or why it cannot be: one to three whole numbers of weeks, each 1 to 26,
    /// in ascending order, none twice.
    /// </summary>
    public static string? ParseFollowUpWeeks(string? text, out string? problem)
    {
        var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        var weeks = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxFollowUpWeeks)
            {
                problem = $"“{UserText.OneLine(part)}” is not a number of weeks from 1 to {MaxFollowUpWeeks}. Write them like “2, 6”.";
                return null;
            }
            weeks.Add(n);
        }
        if (weeks.Count is 0 or > MaxFollowUps)
        {
            problem = $"Give one to {MaxFollowUps} numbers of weeks, such as “2, 6”.";
            return null;
        }
        if (weeks.Zip(weeks.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            problem = "List the weeks from first to last, each once, such as “2, 6”.";
            return null;
        }
        problem = null;
        return string.Join(',', weeks.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Adds every problem to <paramref name="modelState"/> under "Input.*" and returns the resolved
    /// times when the form is valid.
    /// </summary>
    public PlayDayTimes? Validate(ModelStateDictionary modelState, DateTime nowUtc, bool mustBeInFuture)
    {
        if (string.IsNullOrWhiteSpace(Location) && string.IsNullOrWhiteSpace(VideoLink))
        {
            modelState.AddModelError($"Input.{nameof(Location)}", "Give a location, a video link, or both.");
        }
        if (!string.IsNullOrWhiteSpace(VideoLink)
            && (!Uri.TryCreate(VideoLink.Trim(), UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
        {
            modelState.AddModelError($"Input.{nameof(VideoLink)}", "The video link must be a full web address starting with https://.");
        }
        if (ParseFollowUpWeeks(FollowUpWeeks, out var weeksProblem) is null)
        {
            modelState.AddModelError($"Input.{nameof(FollowUpWeeks)}", weeksProblem!);
        }
        if (Date is not { } date || StartTime is not { } start || EndTime is not { } end || string.IsNullOrWhiteSpace(TimeZoneId))
        {
            return null;
        }
        var problems = PlayDayTimes.Problems(date, start, end, TimeZoneId, out var times);
        foreach (var (field, message) in problems)
        {
            modelState.AddModelError($"Input.{field}", message);
        }
        if (times is not null && mustBeInFuture && times.StartsAtUtc <= nowUtc)
        {
            modelState.AddModelError($"Input.{nameof(Date)}", "That start is in the past. A new play day must start in the future.");
        }
        return modelState.IsValid ? times : null;
    }

    public void ApplyTo(PlayDayEvent playDay, PlayDayTimes times)
    {
        playDay.Title = Title.Trim();
        playDay.Brief = UserText.Clean(Brief, multiLine: true) ?? "";
        playDay.Location = string.IsNullOrWhiteSpace(Location) ? null : Location.Trim();
        playDay.VideoLink = string.IsNullOrWhiteSpace(VideoLink) ? null : VideoLink.Trim();
        playDay.ShareBackMinutes = ShareBackMinutes;
        playDay.FollowUpWeeks = ParseFollowUpWeeks(FollowUpWeeks, out _) ?? playDay.FollowUpWeeks;
        playDay.Reschedule(times);
    }

    /// <summary>What applying this form to <paramref name="playDay"/> would change, one line per field.</summary>
    public List<string> DescribeChanges(PlayDayEvent playDay, PlayDayTimes times)
    {
        var changes = new List<string>();
        void Compare(string what, string? before, string? after)
        {
            if ((before ?? "") != (after ?? ""))
            {
                changes.Add($"{what}: “{(string.IsNullOrEmpty(before) ? "(none)" : before)}” → “{(string.IsNullOrEmpty(after) ? "(none)" : after)}”");
            }
        }
        Compare("Title", playDay.Title, Title.Trim());
        var oldTimes = playDay.Times;
        Compare("Time", $"{oldTimes.LocalLabel} {oldTimes.Zone.Id}", $"{times.LocalLabel} {times.Zone.Id}");
        Compare("Location", playDay.Location, string.IsNullOrWhiteSpace(Location) ? null : Location.Trim());
        Compare("Video link", playDay.VideoLink, string.IsNullOrWhiteSpace(VideoLink) ? null : VideoLink.Trim());
        Compare("Share-back length", $"{playDay.ShareBackMinutes} min", $"{ShareBackMinutes} min");
        Compare("Follow-up emails", $"{string.Join(", ", playDay.FollowUpWeekList)} weeks after",
            $"{(ParseFollowUpWeeks(FollowUpWeeks, out _) ?? playDay.FollowUpWeeks).Replace(",", ", ", StringComparison.Ordinal)} weeks after");
        if (playDay.Brief != (UserText.Clean(Brief, multiLine: true) ?? ""))
        {
            changes.Add("Theme and brief edited");
        }
        return changes;
    }
}
