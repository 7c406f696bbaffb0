using PlayDay.Web.Calendar;

namespace PlayDay.Web.Following;

/// <summary>
/// Absolute links of the following pages and feeds, at the public address. Feed links are built from
/// the route's own pattern: tokens are case-sensitive and the link generator lower-cases whole URLs.
/// </summary>
public static class FollowingLinks
{
    public const string ManagePath = "/me/following";

    public static Uri Archive(PlayDayCalendar calendar) => new(calendar.PublicBaseUrl, "archive");

    public static Uri Manage(PlayDayCalendar calendar) => new(calendar.PublicBaseUrl, ManagePath.TrimStart('/'));

    /// <summary>The archive's feed, or one tool's when <paramref name="tag"/> is given.</summary>
    public static Uri Feed(PlayDayCalendar calendar, string token, string? tag = null) =>
        new(calendar.PublicBaseUrl, FeedPath(token, tag).TrimStart('/'));

    public static string FeedPath(string token, string? tag = null) =>
        FeedEndpoints.FeedRoute.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal)
        + (string.IsNullOrEmpty(tag) ? "" : "?tag=" + Uri.EscapeDataString(tag));
}
