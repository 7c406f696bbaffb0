using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Following;

namespace PlayDay.Web.Pages.Following;

/// <summary>
/// The <c>&lt;link rel="alternate" type="application/atom+xml"&gt;</c> of the archive's feed, and of one
/// tool's when given, so browsers and feed readers find them. Only for a signed-in person with feed
/// links: the links carry their secret.
/// </summary>
public sealed class FeedLinksViewComponent(PlayDayDbContext db, UserManager<AppUser> users, PlayDayCalendar calendar) : ViewComponent
{
    public sealed record Link(string Title, Uri Href);

    public async Task<IViewComponentResult> InvokeAsync(string? tag)
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var token = userId is null ? null : await db.Followers.AsNoTracking().Where(f => f.UserId == userId).Select(f => f.FeedToken).FirstOrDefaultAsync();
        if (token is null)
        {
            return Content("");
        }
        var links = new List<Link>();
        tag = tag?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(tag) && ShareBack.TagProblem([tag]) is null)
        {
            links.Add(new Link($"PlayDay: share-backs about {tag}", FollowingLinks.Feed(calendar, token, tag)));
        }
        links.Add(new Link("PlayDay: every share-back", FollowingLinks.Feed(calendar, token)));
        return View("~/Pages/Following/_FeedLinks.cshtml", links);
    }
}
