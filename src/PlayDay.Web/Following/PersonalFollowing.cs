using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;

namespace PlayDay.Web.Following;

/// <summary>
/// What a page shows about one person's following: which of the page's tools they follow, and their
/// feed links (secret: the feed's token is in them). A page stored for everyone (the archive, search;
/// <see cref="Pages.SharedPages"/>) leaves both out and asks its personal request for them
/// (<c>follow=tool</c>, <c>feed=</c> or <c>feed=tool</c>); a page rendered for one person has them inline.
/// </summary>
public static class PersonalFollowing
{
    /// <summary>At most this many tools are asked about at once (a page names one or two).</summary>
    public const int MaxAsked = 10;

    public sealed record FeedLink(string Title, Uri Href);

    /// <summary>The usable tags among <paramref name="tags"/>, trimmed and lower-cased, at most <see cref="MaxAsked"/>.</summary>
    public static List<string> Usable(IEnumerable<string?> tags) =>
        tags.Select(t => (t ?? "").Trim().ToLowerInvariant())
            .Where(t => t.Length > 0 && ShareBack.TagProblem([t]) is null)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxAsked)
            .ToList();

    /// <summary>Which of <paramref name="tags"/> (usable ones) the person follows.</summary>
    public static async Task<List<string>> FollowedAsync(PlayDayDbContext db, string userId, IReadOnlyList<string> tags) =>
        tags.Count == 0
            ? []
            : await db.FollowedTags.AsNoTracking().Where(f => f.UserId == userId && tags.Contains(f.Tag)).Select(f => f.Tag).ToListAsync();

    /// <summary>The archive's feed, and one tool's first when <paramref name="tag"/> is usable; none before the person has a feed token.</summary>
    public static async Task<List<FeedLink>> FeedLinksAsync(PlayDayDbContext db, PlayDayCalendar calendar, string userId, string? tag)
    {
        var token = await db.Followers.AsNoTracking().Where(f => f.UserId == userId).Select(f => f.FeedToken).FirstOrDefaultAsync();
        if (token is null)
        {
            return [];
        }
        var links = new List<FeedLink>();
        if (Usable([tag]) is [var usable])
        {
            links.Add(new FeedLink($"PlayDay: share-backs about {usable}", FollowingLinks.Feed(calendar, token, usable)));
        }
        links.Add(new FeedLink("PlayDay: every share-back", FollowingLinks.Feed(calendar, token)));
        return links;
    }
}
