using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Following;

namespace PlayDay.Web.Pages.Following;

/// <summary>
/// Where a digest's unsubscribe link leads. Opening it asks (link checkers and previews open links, so a GET changes
/// nothing); the button, or a mail program's one-click POST (RFC 8058: <c>List-Unsubscribe=One-Click</c>, no cookie,
/// no form token), turns the digest off. The signed link is the authorization, for this one change only.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(PlayDayDbContext db, DigestUnsubscribeLinks links) : PageModel
{
    public enum LinkState
    {
        Invalid,
        Ask,
        Done,
    }

    public LinkState State { get; private set; }

    public string Email { get; private set; } = "";

    public int Followed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) => Show(await LoadAsync(token) is null ? LinkState.Invalid : LinkState.Ask);

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await LoadAsync(token) is not { } userId)
        {
            return Show(LinkState.Invalid);
        }
        await DigestSettings.SetAsync(db, userId, DigestFrequency.Off);
        return Show(LinkState.Done);
    }

    private async Task<string?> LoadAsync(string token)
    {
        if (links.Read(token) is not { } userId)
        {
            return null;
        }
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
        if (email is null)
        {
            // Signed by us, for an account that is no more.
            return null;
        }
        Email = email;
        Followed = await db.FollowedTags.CountAsync(f => f.UserId == userId);
        return userId;
    }

    private PageResult Show(LinkState state)
    {
        State = state;
        Response.KeepLinkSecret();
        Response.StatusCode = state == LinkState.Invalid ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        return Page();
    }
}
