using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Search;

namespace PlayDay.Web.Api;

/// <summary>A small read-only JSON API for integrations, with the pages' authorization: a sign-in cookie or a personal API token.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapPlayDayApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthentication.CookieOrToken });

        api.MapGet("/playdays", async (PlayDayDbContext db) =>
            (await db.PlayDays.AsNoTracking().OrderBy(p => p.StartsAtUtc).ToListAsync()).Select(p => new
            {
                id = p.Id,
                uid = p.CalendarUid,
                title = p.Title,
                quarter = p.Quarter.ToString(),
                date = p.Date,
                startsAtUtc = p.StartsAtUtc,
                endsAtUtc = p.EndsAtUtc,
                timeZone = p.TimeZoneId,
                location = p.Location,
                videoLink = p.VideoLink,
                cancelled = p.IsCancelled,
            }));

        api.MapGet("/sharebacks", async (string? q, string? quarter, string? tag, int? page, ShareBackSearch search) =>
        {
            var query = SearchQuery.Parse($"{q} {(string.IsNullOrWhiteSpace(tag) ? "" : "tag:" + tag.Trim())}");
            Quarter? wanted = null;
            if (!string.IsNullOrWhiteSpace(quarter))
            {
                if (!Quarter.TryParse(quarter, out var parsed))
                {
                    return Results.Problem(statusCode: 400, detail: $"“{quarter}” is not a quarter; write it like 2026 Q4 or 2026-Q4.");
                }
                wanted = parsed;
            }
            var results = await search.SearchAsync(query, page ?? 1, wanted);
            return Results.Ok(new
            {
                total = results.Total,
                page = results.Page,
                pages = results.Pages,
                items = results.Hits.Select(h => new
                {
                    id = h.ShareBack.Id,
                    title = h.ShareBack.Title,
                    team = h.ShareBack.Team?.Name,
                    members = h.ShareBack.MemberList,
                    playDayId = h.PlayDay.Id,
                    playDay = h.PlayDay.Title,
                    quarter = h.PlayDay.Quarter.ToString(),
                    tags = h.ShareBack.TagList,
                    postedAtUtc = h.ShareBack.PostedAtUtc,
                    editedAtUtc = h.ShareBack.EditedAtUtc,
                    reactions = h.ShareBack.ReactionCounts().ToDictionary(r => r.Key.ToString(), r => r.Value),
                    markdownUrl = $"/sharebacks/{h.ShareBack.Id}.md",
                }),
            });
        });
        return endpoints;
    }
}
