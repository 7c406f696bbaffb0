using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Pulse;

namespace PlayDay.Web.Pages.Pulse;

/// <summary>The anonymous pulse: a few optional questions, answered once per play day and moment, never linked to the person.</summary>
public sealed class IndexModel(PlayDayDbContext db, PulseChanges changes, TimeProvider clock) : PageModel
{
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public PulseMoment? Moment { get; private set; }
    public IReadOnlyList<string> Questions { get; private set; } = [];
    public bool Answered { get; private set; }

    [BindProperty]
    public List<string?> Answers { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var result = await changes.AnswerAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", Answers);
        if (result.Status == 404 || !await LoadAsync(id))
        {
            return NotFound();
        }
        if (result.Refused)
        {
            ModelState.AddModelError("", result.Refusal!);
            Response.StatusCode = result.Status;
            return Page();
        }
        TempData["Message"] = "Thank you. Your answers are stored without your name, and organizers only ever see them together with others'.";
        return RedirectToPage("/PlayDays/Details", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return false;
        }
        PlayDay = playDay;
        Moment = PulseChanges.MomentOf(playDay, clock.GetUtcNow().UtcDateTime);
        Questions = Moment is { } moment ? playDay.PulseQuestions(moment) : [];
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Answered = Moment is { } m && await db.PulseResponses.AnyAsync(r => r.PlayDayId == id && r.Moment == m && r.UserId == userId);
        return true;
    }
}
