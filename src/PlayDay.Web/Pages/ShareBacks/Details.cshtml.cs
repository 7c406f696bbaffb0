using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.ShareBacks;

/// <summary>A share-back's permalink: the whole text, its reactions and every earlier version.</summary>
public sealed class DetailsModel(PlayDayDbContext db, BoardNotifier notifier) : PageModel
{
    public ShareBack ShareBack { get; private set; } = null!;
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public bool CanDelete { get; private set; }

    /// <summary>Newest first: each revision with the version that replaced it.</summary>
    public List<(ShareBackRevision Before, string AfterTitle, string AfterTags, string AfterBody)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanDelete)
        {
            return Forbid();
        }
        // The FTS index follows through a trigger, in the same transaction; open boards hear of it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BoardNotifier.NextSequenceAsync(db, ShareBack.PlayDayId);
        await db.ShareBacks.Where(s => s.Id == id).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        await notifier.ShareBackDeletedAsync(new ShareBackDeleted(sequence, ShareBack.PlayDayId, id));
        TempData["Message"] = $"“{ShareBack.Title}” is deleted.";
        return RedirectToPage("/Archive/Index");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var shareBack = await db.ShareBacks.AsNoTracking().Include(s => s.Team).Include(s => s.Reactions).Include(s => s.Revisions)
            .SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null)
        {
            return false;
        }
        ShareBack = shareBack;
        PlayDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        CanDelete = User.IsOrganizer() || await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == userId);
        var revisions = shareBack.Revisions.OrderBy(r => r.RevisedAtUtc).ThenBy(r => r.Id).ToList();
        for (var i = 0; i < revisions.Count; i++)
        {
            var after = i + 1 < revisions.Count ? revisions[i + 1] : null;
            Changes.Add((revisions[i], after?.Title ?? shareBack.Title, after?.Tags ?? shareBack.Tags, after?.Body ?? shareBack.Body));
        }
        Changes.Reverse();
        return true;
    }
}
