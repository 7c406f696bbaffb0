using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Following;

/// <summary>Follow or unfollow buttons for some tools, for a signed-in person; they post to /me/following and come back here.</summary>
public sealed class FollowToolsViewComponent(PlayDayDbContext db, UserManager<AppUser> users) : ViewComponent
{
    public sealed record Model(IReadOnlyList<(string Tag, bool Following)> Tools, string ReturnUrl);

    public async Task<IViewComponentResult> InvokeAsync(IReadOnlyList<string> tags)
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var wanted = tags.Where(t => !string.IsNullOrWhiteSpace(t) && ShareBack.TagProblem([t]) is null).Distinct(StringComparer.Ordinal).ToList();
        if (userId is null || wanted.Count == 0)
        {
            return Content("");
        }
        var following = await db.FollowedTags.AsNoTracking().Where(f => f.UserId == userId && wanted.Contains(f.Tag)).Select(f => f.Tag).ToListAsync();
        var request = HttpContext.Request;
        return View("~/Pages/Following/_FollowTools.cshtml",
            new Model(wanted.Select(t => (t, following.Contains(t))).ToList(), request.PathBase + request.Path + request.QueryString));
    }
}
