using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Board;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.ShareBacks;

/// <summary>Asks before deleting. A delete hides the share-back; it is kept with its history, and organizers can restore it.</summary>
public sealed class DeleteModel(PlayDayDbContext db, ShareBackChanges changes) : PageModel
{
    public ShareBack ShareBack { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var found = await changes.CheckAsync(id, PlayDayAction.DeleteShareBack, Actor.Of(User));
        switch (found.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        ShareBack = found.ShareBack!;
        if (found.Refused)
        {
            ModelState.AddModelError("", found.Refusal!);
            Response.StatusCode = found.Status;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var outcome = await changes.DeleteAsync(id, Actor.Of(User));
        switch (outcome.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        if (outcome.Refused)
        {
            ShareBack = outcome.ShareBack ?? await db.ShareBacks.AsNoTracking().Include(s => s.Team).SingleAsync(s => s.Id == id);
            ModelState.AddModelError("", outcome.Refusal!);
            Response.StatusCode = outcome.Status;
            return Page();
        }
        TempData["Message"] = $"“{outcome.ShareBack!.Title}” is deleted. An organizer can restore it.";
        return RedirectToPage("/Archive/Index");
    }
}
