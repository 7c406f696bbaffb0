using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Following;

/// <summary>
/// Atom feeds of the archive, whole or for one tool. Feed readers send no cookie, so a feed opens
/// with the person's secret feed token (made and revoked on /me/following); a wrong or revoked token is a 404.
/// </summary>
public static class FeedEndpoints
{
    public const string Feed = "atom-feed";
    public const string FeedRoute = "/feeds/{token}.atom";

    /// <summary>The newest share-backs a feed lists: feed readers keep what they have seen.</summary>
    public const int Entries = 50;

    private const string NoFeed = "There is no feed at this address. The link may be mistyped or turned off; make a new one on your following page in PlayDay.";

    public static IEndpointRouteBuilder MapPlayDayFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FeedRoute, FeedAsync).AllowAnonymous().WithName(Feed);
        return endpoints;
    }

    private static async Task<IResult> FeedAsync(string token, string? tag, PlayDayDbContext db, ShareBackSearch search, PlayDayCalendar calendar, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > Follower.FeedTokenMaxLength
            || !await db.Followers.AsNoTracking().AnyAsync(f => f.FeedToken == token))
        {
            return Results.NotFound(NoFeed);
        }
        tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant();
        if (tag is not null && ShareBack.TagProblem([tag]) is { } problem)
        {
            return Results.BadRequest(problem);
        }
        var results = await search.SearchAsync(SearchQuery.Parse(null), 1, new ShareBackSearch.Filters(Tool: tag), SearchOrder.Newest, Entries);
        // The hits are what a card shows; an entry's excerpt is made from the whole body. (Ordered by id, SQLite
        // looks the ids up instead of walking the index of every share-back that is not deleted.)
        var ids = results.Hits.Select(h => h.Id).ToList();
        var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).Include(s => s.Team).ToDictionaryAsync(s => s.Id);
        var entries = results.Hits.Where(hit => shareBacks.ContainsKey(hit.Id)).Select(hit =>
        {
            var s = shareBacks[hit.Id];
            var link = calendar.ShareBackUrl(s.Id);
            return new AtomWriter.Entry(link, s.Title, link, s.PostedAtUtc, s.EditedAtUtc is { } edited && edited > s.PostedAtUtc ? edited : s.PostedAtUtc,
                s.Team?.Name is { Length: > 0 } team ? team : s.PostedBy, s.TagList, DigestLetter.Excerpt(s.Body));
        }).ToList();
        var alternate = tag is null ? FollowingLinks.Archive(calendar) : new Uri(FollowingLinks.Archive(calendar), "?tag=" + Uri.EscapeDataString(tag));
        var feed = new AtomWriter.Feed(
            alternate,
            tag is null ? "PlayDay: every share-back" : $"PlayDay: share-backs about {tag}",
            FollowingLinks.Feed(calendar, token, tag),
            alternate,
            entries.Count == 0 ? clock.GetUtcNow().UtcDateTime : entries.Max(e => e.UpdatedUtc),
            entries);
        return Results.Bytes(AtomWriter.Write(feed), AtomWriter.ContentType);
    }
}
