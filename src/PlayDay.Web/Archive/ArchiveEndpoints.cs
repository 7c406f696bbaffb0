using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Archive;

public static class ArchiveEndpoints
{
    public const string ExportName = "ArchiveExport";
    public const string PlayDayExportName = "PlayDayExport";
    public const string MarkdownName = "ShareBackMarkdown";

    public static IServiceCollection AddPlayDayArchive(this IServiceCollection services)
    {
        services.AddSingleton<TagCatalog>();
        // The tag list watches every save, whichever provider's context is in use (AddPlayDayData adds every interceptor to it).
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(provider => provider.GetRequiredService<TagCatalog>());
        services.AddScoped<RelatedShareBacks>();
        return services.AddScoped<ShareBackSearch>();
    }

    public static IEndpointRouteBuilder MapPlayDayArchive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/archive/export.zip", ExportAsync).WithName(ExportName);
        endpoints.MapGet("/playdays/{id:int}/export.zip", ExportPlayDayAsync).WithName(PlayDayExportName);
        endpoints.MapGet("/sharebacks/{id:int}.md", MarkdownAsync).WithName(MarkdownName);
        return endpoints;
    }

    /// <summary>The whole archive's .zip.</summary>
    public static string ArchiveExportPath(this LinkGenerator links) =>
        links.GetPathByName(ExportName, values: null) ?? throw new InvalidOperationException($"No endpoint is named {ExportName}.");

    /// <summary>One play day's share-backs as a .zip.</summary>
    public static string PlayDayExportPath(this LinkGenerator links, int playDayId) =>
        links.GetPathByName(PlayDayExportName, new { id = playDayId }) ?? throw new InvalidOperationException($"No endpoint is named {PlayDayExportName}.");

    /// <summary>A share-back's raw Markdown.</summary>
    public static string ShareBackMarkdownPath(this LinkGenerator links, int shareBackId) =>
        links.GetPathByName(MarkdownName, new { id = shareBackId }) ?? throw new InvalidOperationException($"No endpoint is named {MarkdownName}.");

    private static async Task<FileContentHttpResult> ExportAsync(PlayDayDbContext db, TimeProvider clock) =>
        TypedResults.File(await ArchiveExport.ZipAsync(db), "application/zip", $"playday-archive-{clock.GetUtcNow():yyyy-MM-dd}.zip");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportPlayDayAsync(int id, PlayDayDbContext db) =>
        await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is { } playDay
            ? TypedResults.File(await ArchiveExport.ZipAsync(db, id), "application/zip", $"{playDay.Date:yyyy-MM-dd}-{ArchiveExport.Slug(playDay.Title)}.zip")
            : TypedResults.Problem($"There is no play day {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The share-back's raw Markdown, in the same form as in an export.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> MarkdownAsync(int id, PlayDayDbContext db)
    {
        var shareBack = await db.ShareBacks.AsNoTracking().Include(s => s.Team!.Reactions).SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null)
        {
            return TypedResults.Problem($"There is no share-back {id}.", statusCode: StatusCodes.Status404NotFound);
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        return TypedResults.Text(ArchivedShareBack.From(shareBack, playDay).ToMarkdown(), "text/markdown; charset=utf-8", Encoding.UTF8);
    }
}
