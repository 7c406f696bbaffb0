using PlayDay.Web.Data;

namespace PlayDay.Web.Api;

// The API's JSON, one record per shape; property names reach the wire in camelCase, so renaming one changes the API.

public sealed record ApiPlayDay(
    int Id,
    Guid Uid,
    string Title,
    string Quarter,
    DateOnly Date,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
    string TimeZone,
    string? Location,
    string? VideoLink,
    bool Cancelled)
{
    public static ApiPlayDay From(PlayDayEvent p) => new(
        p.Id, p.CalendarUid, p.Title, p.Quarter.ToString(), p.Date, p.StartsAtUtc, p.EndsAtUtc, p.TimeZoneId, p.Location, p.VideoLink, p.IsCancelled);
}

public sealed record ApiShareBack(
    int Id,
    string Title,
    string? Team,
    IReadOnlyList<string> Members,
    int PlayDayId,
    string PlayDay,
    string Quarter,
    IReadOnlyList<string> Tags,
    DateTime PostedAtUtc,
    DateTime? EditedAtUtc,
    IReadOnlyDictionary<string, int> Reactions,
    string MarkdownUrl)
{
    /// <summary>Reaction counts are keyed by the <see cref="ReactionKind"/> names (WouldUse, GreatFailure, ...).</summary>
    public static ApiShareBack From(ShareBack s, PlayDayEvent playDay, string markdownUrl) => new(
        s.Id, s.Title, s.Team?.Name, s.MemberList, playDay.Id, playDay.Title, playDay.Quarter.ToString(), s.TagList,
        s.PostedAtUtc, s.EditedAtUtc, s.ReactionCounts().ToDictionary(r => r.Key.ToString(), r => r.Value), markdownUrl);
}

public sealed record ApiShareBackPage(int Total, int Page, int Pages, IReadOnlyList<ApiShareBack> Items);
