using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.ShareBacks;

/// <summary>
/// A share-back's permalink: the whole text, its reactions and its history. Every edit, delete and
/// restore is a revision; organizers can bring any of them back, and can see and restore a deleted share-back.
/// </summary>
public sealed class DetailsModel(PlayDayDbContext db, ShareBackChanges changes, TimeProvider clock) : PageModel
{
    public const int RevisionsPerPage = 10;

    public ShareBack ShareBack { get; private set; } = null!;
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }
    public bool IsOrganizer => User.IsOrganizer();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int RevisionPage { get; set; } = 1;

    public int RevisionCount { get; private set; }

    public int RevisionPages => Math.Max(1, (RevisionCount + RevisionsPerPage - 1) / RevisionsPerPage);

    /// <summary>Newest first: each revision with the text of the version that replaced it.</summary>
    public List<(ShareBackRevision Before, string AfterTitle, string AfterTags, string AfterBody)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUndeleteAsync(int id) =>
        await DoneAsync(id, await changes.UndeleteAsync(id, Actor.Of(User)), "The share-back is back.");

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revisionId) =>
        await DoneAsync(id, await changes.RestoreRevisionAsync(id, revisionId, Actor.Of(User)), "That version is the current one again; the one it replaced is kept in the history.");

    private async Task<IActionResult> DoneAsync(int id, ShareBackChanges.Outcome outcome, string message)
    {
        switch (outcome.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        if (outcome.Refused)
        {
            await LoadAsync(id);
            ModelState.AddModelError("", outcome.Refusal!);
            Response.StatusCode = outcome.Status;
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var shareBacks = IsOrganizer ? db.ShareBacks.IgnoreQueryFilters() : db.ShareBacks;
        var shareBack = await shareBacks.AsNoTracking().Include(s => s.Team!.Reactions).SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null)
        {
            return false;
        }
        ShareBack = shareBack;
        PlayDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow().UtcDateTime;
        var mayChange = !shareBack.IsDeleted && (IsOrganizer || await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == userId));
        CanEdit = mayChange && PlayDay.Refusal(PlayDayAction.EditShareBack, now, IsOrganizer) is null;
        CanDelete = mayChange && PlayDay.Refusal(PlayDayAction.DeleteShareBack, now, IsOrganizer) is null;

        // One page of history at a time: each revision is compared with the version after it.
        RevisionCount = await db.ShareBackRevisions.CountAsync(r => r.ShareBackId == id);
        RevisionPage = Math.Clamp(RevisionPage, 1, RevisionPages);
        var page = await db.ShareBackRevisions.AsNoTracking().Where(r => r.ShareBackId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
            .Skip((RevisionPage - 1) * RevisionsPerPage).Take(RevisionsPerPage + 1).ToListAsync();
        var newerThanPage = RevisionPage == 1 ? null : await db.ShareBackRevisions.AsNoTracking().Where(r => r.ShareBackId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).Skip((RevisionPage - 1) * RevisionsPerPage - 1).FirstOrDefaultAsync();
        for (var i = 0; i < Math.Min(page.Count, RevisionsPerPage); i++)
        {
            var after = i == 0 ? newerThanPage : page[i - 1];
            Changes.Add((page[i], after?.Title ?? shareBack.Title, after?.Tags ?? shareBack.Tags, after?.Body ?? shareBack.Body));
        }
        return true;
    }
}
