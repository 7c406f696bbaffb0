using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Archive;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Search;

namespace PlayDay.Web.Api;

/// <summary>A small read-only JSON API for integrations, with the pages' authorization: a sign-in cookie or a personal API token.</summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";
    public const string PlayDaysName = "ApiPlayDays";
    public const string ShareBacksName = "ApiShareBacks";

    public static IEndpointRouteBuilder MapPlayDayApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthentication.CookieOrToken });
        api.MapGet("/playdays", PlayDaysAsync).WithName(PlayDaysName);
        api.MapGet("/sharebacks", ShareBacksAsync).WithName(ShareBacksName);
        return endpoints;
    }

    /// <summary>Every play day, as JSON.</summary>
    public static string ApiPlayDaysPath(this LinkGenerator links) =>
        links.GetPathByName(PlayDaysName, values: null) ?? throw new InvalidOperationException($"No endpoint is named {PlayDaysName}.");

    /// <summary>The share-back search, as JSON.</summary>
    public static string ApiShareBacksPath(this LinkGenerator links) =>
        links.GetPathByName(ShareBacksName, values: null) ?? throw new InvalidOperationException($"No endpoint is named {ShareBacksName}.");

    private static async Task<Ok<List<ApiPlayDay>>> PlayDaysAsync(PlayDayDbContext db) =>
        TypedResults.Ok((await db.PlayDays.AsNoTracking().OrderBy(p => p.StartsAtUtc).ToListAsync()).Select(ApiPlayDay.From).ToList());

    private static async Task<Results<Ok<ApiShareBackPage>, ProblemHttpResult>> ShareBacksAsync(
        string? q, string? quarter, string? tag, int? page, ShareBackSearch search, LinkGenerator links, PlayDayDbContext db)
    {
        var query = SearchQuery.Parse($"{q} {(string.IsNullOrWhiteSpace(tag) ? "" : "tag:" + tag.Trim())}");
        Quarter? wanted = null;
        if (!string.IsNullOrWhiteSpace(quarter))
        {
            if (!Quarter.TryParse(quarter, out var parsed))
            {
                return TypedResults.Problem($"“{quarter}” is not a quarter; write it like 2026 Q4 or 2026-Q4.", statusCode: StatusCodes.Status400BadRequest);
            }
            wanted = parsed;
        }
        var results = await search.SearchAsync(query, page ?? 1, new ShareBackSearch.Filters(Quarter: wanted));
        // The hits are what a card shows; the API gives the whole share-backs.
        var ids = results.Hits.Select(h => h.Id).ToList();
        var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => ids.Contains(s.Id)).Include(s => s.Team!.Reactions).ToDictionaryAsync(s => s.Id);
        var playDayIds = results.Hits.Select(h => h.PlayDayId).Distinct().ToList();
        var playDays = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var adoptions = (await db.Adoptions.AsNoTracking().Where(a => ids.Contains(a.ShareBackId)).ToListAsync()).ToLookup(a => a.ShareBackId);
        return TypedResults.Ok(new ApiShareBackPage(
            results.Total,
            results.Page,
            results.Pages,
            results.Hits.Where(h => shareBacks.ContainsKey(h.Id))
                .Select(h => ApiShareBack.From(shareBacks[h.Id], playDays[h.PlayDayId], links.ShareBackMarkdownPath(h.Id), adoptions[h.Id])).ToList()));
    }
}
