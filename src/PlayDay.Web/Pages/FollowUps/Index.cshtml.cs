using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;

namespace PlayDay.Web.Pages.FollowUps;

/// <summary>
/// Where a follow-up email's link leads: the share-back's outcome form, without signing in. The
/// signed link stands in for the sign-in for this one share-back, once, until it expires; anything
/// else it could be (garbled, tampered with, used, expired) gets a page that says so.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(PlayDayDbContext db, FollowUpLinks links, DiscoveryChanges discoveries, TimeProvider clock) : PageModel, IOutcomeForm
{
    /// <summary>What the link turned out to be.</summary>
    public enum LinkState
    {
        Open,
        Invalid,
        Expired,
        Used,
        Gone,
        Thanks,
    }

    [BindProperty]
    public OutcomeInput Report { get; set; } = new();

    public Outcome Current => ShareBack.Outcome;

    public LinkState State { get; private set; }
    public ShareBack ShareBack { get; private set; } = null!;
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public FollowUpNudge Nudge { get; private set; } = null!;
    public DateTime ExpiresAtUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var state = await LoadAsync(token);
        if (state == LinkState.Used && TempData["FollowUpAnswered"] is true)
        {
            state = LinkState.Thanks;
        }
        if (state == LinkState.Open)
        {
            Report = OutcomeInput.From(ShareBack);
        }
        return Show(state);
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var state = await LoadAsync(token);
        if (state != LinkState.Open)
        {
            return Show(state);
        }
        if (!ModelState.IsValid)
        {
            return Show(LinkState.Open, StatusCodes.Status400BadRequest);
        }
        var result = await discoveries.ReportAsync(ShareBack.Id, null, Report.Outcome, Report.Figures, Report.Note,
            new DiscoveryChanges.FollowUpLink(Nudge.Id, Nudge.LinkId));
        switch (result.Status)
        {
            case 200:
                TempData["FollowUpAnswered"] = true;
                return RedirectToPage(new { token });
            case 404:
                return Show(LinkState.Gone);
            case 410:
                return Show(LinkState.Used);
            default:
                ModelState.AddModelError("report", result.Refusal ?? "That could not be saved.");
                return Show(LinkState.Open, result.Status);
        }
    }

    private PageResult Show(LinkState state, int? status = null)
    {
        State = state;
        Response.KeepLinkSecret();
        Response.StatusCode = status ?? state switch
        {
            LinkState.Invalid => StatusCodes.Status404NotFound,
            LinkState.Expired or LinkState.Used or LinkState.Gone => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    private async Task<LinkState> LoadAsync(string token)
    {
        if (links.Read(token) is not { } link)
        {
            return LinkState.Invalid;
        }
        var nudge = await db.FollowUpNudges.AsNoTracking().SingleOrDefaultAsync(n => n.Id == link.NudgeId);
        if (nudge is null || nudge.LinkId != link.LinkId)
        {
            // Signed by us but for a nudge that is no more (its team was deleted): as good as unknown.
            return LinkState.Invalid;
        }
        Nudge = nudge;
        ExpiresAtUtc = link.ExpiresAtUtc;
        var shareBack = await db.ShareBacks.IgnoreQueryFilters().AsNoTracking().Include(s => s.Team).SingleOrDefaultAsync(s => s.Id == nudge.ShareBackId);
        if (shareBack is null)
        {
            return LinkState.Invalid;
        }
        ShareBack = shareBack;
        PlayDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        if (shareBack.IsDeleted)
        {
            return LinkState.Gone;
        }
        if (nudge.AnsweredAtUtc is not null)
        {
            return LinkState.Used;
        }
        return clock.GetUtcNow().UtcDateTime >= link.ExpiresAtUtc ? LinkState.Expired : LinkState.Open;
    }
}
