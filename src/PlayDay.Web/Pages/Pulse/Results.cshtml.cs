using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Pulse;

namespace PlayDay.Web.Pages.Pulse;

/// <summary>For organizers: a play day's pulse, aggregated (nothing under five answers a question), its questions and themes.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class ResultsModel(PlayDayDbContext db, PulseChanges changes, TimeProvider clock) : PageModel
{
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public List<PulseQuestionResult> Results { get; private set; } = [];

    [BindProperty]
    public string? JoiningQuestions { get; set; }

    [BindProperty]
    public string? AfterQuestions { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostQuestionsAsync(int id) =>
        await DoneAsync(id, await changes.EditQuestionsAsync(id, JoiningQuestions, AfterQuestions), "The questions are saved.");

    public async Task<IActionResult> OnPostThemeAsync(int id, Guid answerId, string? theme) =>
        await DoneAsync(id, await changes.MarkThemeAsync(id, answerId, theme), "The theme is saved.");

    private async Task<IActionResult> DoneAsync(int id, PulseChanges.Result result, string message)
    {
        if (result.Status == 404 && !await db.PlayDays.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }
        if (result.Refused)
        {
            var typed = (JoiningQuestions, AfterQuestions);
            await LoadAsync(id);
            (JoiningQuestions, AfterQuestions) = typed;
            ModelState.AddModelError("", result.Refusal!);
            Response.StatusCode = result.Status;
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return false;
        }
        PlayDay = playDay;
        Results = await PulseResults.ForAsync(db, playDay, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        JoiningQuestions = string.Join('\n', playDay.PulseQuestions(PulseMoment.Joining));
        AfterQuestions = string.Join('\n', playDay.PulseQuestions(PulseMoment.AfterPlayDay));
        return true;
    }
}
