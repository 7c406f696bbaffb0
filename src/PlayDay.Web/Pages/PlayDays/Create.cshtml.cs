using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Templates;

namespace PlayDay.Web.Pages.PlayDays;

[Authorize(Policy = Roles.Organizer)]
public sealed class CreateModel(PlayDayDbContext db, TimeProvider clock, TemplateFiles templates, IOptions<SchedulingOptions> scheduling) : PageModel
{
    [BindProperty]
    public PlayDayInput Input { get; set; } = new();

    /// <summary>The play day this form proposes a successor for ("Schedule the next quarter").</summary>
    public PlayDayEvent? ProposedFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? from)
    {
        if (from is { } id)
        {
            ProposedFrom = await db.PlayDays.FindAsync(id);
            if (ProposedFrom is null)
            {
                return NotFound();
            }
            Input = NextQuarter.Propose(ProposedFrom, templates.Read(TemplateFiles.PlayDayBrief));
            return Page();
        }
        Input = new PlayDayInput
        {
            TimeZoneId = scheduling.Value.DefaultTimeZone,
            StartTime = new TimeOnly(13, 0),
            EndTime = new TimeOnly(17, 0),
            Brief = templates.Read(TemplateFiles.PlayDayBrief),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var times = Input.Validate(ModelState, now, mustBeInFuture: true);
        if (times is null)
        {
            return Page();
        }
        var playDay = new PlayDayEvent { CreatedAtUtc = now, CreatedBy = User.DisplayName() };
        Input.ApplyTo(playDay, times);
        db.PlayDays.Add(playDay);
        await db.SaveChangesAsync();
        TempData["Message"] = $"“{playDay.Title}” is scheduled.";
        return RedirectToPage("Details", new { id = playDay.Id });
    }
}
