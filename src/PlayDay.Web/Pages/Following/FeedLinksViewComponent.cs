using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Following;

namespace PlayDay.Web.Pages.Following;

/// <summary>
/// The <c>&lt;link rel="alternate" type="application/atom+xml"&gt;</c> of the archive's feed, and of one
/// tool's when given, so browsers and feed readers find them. Only for a signed-in person with feed
/// links: the links carry their secret, so a page stored for everyone leaves them out and its personal
/// request brings them (site.js adds them to the head).
/// </summary>
public sealed class FeedLinksViewComponent(PlayDayDbContext db, UserManager<AppUser> users, PlayDayCalendar calendar) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? tag)
    {
        if (HttpContext.IsSharedRendering())
        {
            // Only a usable tool: the page's own ?tag= may be anything, and the personal request's address must stay short.
            HttpContext.AskPersonal("feed", PersonalFollowing.Usable([tag]).FirstOrDefault() ?? "");
            return Content("");
        }
        var userId = users.GetUserId(UserClaimsPrincipal);
        var links = userId is null ? [] : await PersonalFollowing.FeedLinksAsync(db, calendar, userId, tag);
        return links.Count == 0 ? Content("") : View("~/Pages/Following/_FeedLinks.cshtml", links);
    }
}
