using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PlayDay.Web.Data;
using PlayDay.Web.Following;

namespace PlayDay.Web.Pages.Following;

/// <summary>
/// Follow or unfollow buttons for some tools, for a signed-in person; they post to /me/following and come back here.
/// On a page stored for everyone (<see cref="SharedPages"/>) every button starts as "Follow" with no token: the
/// page's personal request says which tools this person follows, and site.js turns those into "Following".
/// </summary>
public sealed class FollowToolsViewComponent(PlayDayDbContext db, UserManager<AppUser> users) : ViewComponent
{
    public sealed record Model(IReadOnlyList<(string Tag, bool Following)> Tools, string ReturnUrl, bool Shared);

    public async Task<IViewComponentResult> InvokeAsync(IReadOnlyList<string> tags)
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var wanted = PersonalFollowing.Usable(tags);
        if (userId is null || wanted.Count == 0)
        {
            return Content("");
        }
        var shared = HttpContext.IsSharedRendering();
        List<string> following;
        if (shared)
        {
            foreach (var tag in wanted)
            {
                HttpContext.AskPersonal("follow", tag);
            }
            following = [];
        }
        else
        {
            following = await PersonalFollowing.FollowedAsync(db, userId, wanted);
        }
        var request = HttpContext.Request;
        return View("~/Pages/Following/_FollowTools.cshtml",
            new Model(wanted.Select(t => (t, following.Contains(t))).ToList(), request.PathBase + request.Path + request.QueryString, shared));
    }
}
