using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Board;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.ShareBacks;

/// <summary>
/// Edits a share-back from the archive (the board edits the live one through the same write path).
/// The form carries the version it was opened on: a stale save gets a 409 that shows the newer text
/// beside the typed one, and nothing is lost.
/// </summary>
public sealed class EditModel(ShareBackChanges changes) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ShareBack ShareBack { get; private set; } = null!;

    /// <summary>The newer version someone saved meanwhile, shown after a 409.</summary>
    public ShareBack? Newer { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await FindAsync(id) is { } refused)
        {
            return refused;
        }
        Input = new InputModel { Title = ShareBack.Title, Tags = string.Join(", ", ShareBack.TagList), Body = ShareBack.Body, BaseVersion = ShareBack.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await FindAsync(id) is { } refused)
        {
            return refused;
        }
        var outcome = await changes.EditAsync(id, null, Actor.Of(User), Input.BaseVersion, Input.Title, Input.Tags, Input.Body);
        if (!outcome.Refused)
        {
            TempData["Message"] = "Saved. The earlier version is kept in the history.";
            return RedirectToPage("Details", new { id });
        }
        switch (outcome.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        ModelState.AddModelError("", outcome.Refusal!);
        Response.StatusCode = outcome.Status;
        if (outcome is { Stale: true, ShareBack: { } current })
        {
            // Keep what was typed; saving again now replaces the newer version (which stays in the history).
            Newer = current;
            ModelState.Remove("Input.BaseVersion");
            Input.BaseVersion = current.Version;
        }
        return Page();
    }

    /// <summary>The share-back, when this person may edit it now; otherwise the refusal (403, 404, or the page with why).</summary>
    private async Task<IActionResult?> FindAsync(int id)
    {
        var found = await changes.CheckAsync(id, PlayDayAction.EditShareBack, Actor.Of(User));
        switch (found.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        if (found.ShareBack is not { } shareBack)
        {
            return NotFound();
        }
        ShareBack = shareBack;
        if (found.Refused)
        {
            ModelState.AddModelError("", found.Refusal!);
            Response.StatusCode = found.Status;
            return Page();
        }
        return null;
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Tags { get; set; }
        public string? Body { get; set; }
        public int? BaseVersion { get; set; }
    }
}
