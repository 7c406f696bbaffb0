using System.Text;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Archive;

public static class ArchiveEndpoints
{
    public static IServiceCollection AddPlayDayArchive(this IServiceCollection services) =>
        services.AddScoped<ShareBackSearch>();

    public static IEndpointRouteBuilder MapPlayDayArchive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/archive/export.zip", async (PlayDayDbContext db, TimeProvider clock) =>
            Results.File(await ArchiveExport.ZipAsync(db), "application/zip", $"playday-archive-{clock.GetUtcNow():yyyy-MM-dd}.zip"));

        endpoints.MapGet("/playdays/{id:int}/export.zip", async (int id, PlayDayDbContext db) =>
            await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is { } playDay
                ? Results.File(await ArchiveExport.ZipAsync(db, id), "application/zip", $"{playDay.Date:yyyy-MM-dd}-{ArchiveExport.Slug(playDay.Title)}.zip")
                : Results.NotFound($"There is no play day {id}."));

        // The share-back's raw Markdown, in the same form as in an export.
        endpoints.MapGet("/sharebacks/{id:int}.md", async (int id, PlayDayDbContext db) =>
        {
            var shareBack = await db.ShareBacks.AsNoTracking().Include(s => s.Team!.Reactions).SingleOrDefaultAsync(s => s.Id == id);
            if (shareBack is null)
            {
                return Results.NotFound($"There is no share-back {id}.");
            }
            var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
            return Results.Text(ArchivedShareBack.From(shareBack, playDay).ToMarkdown(), "text/markdown; charset=utf-8", Encoding.UTF8);
        });
        return endpoints;
    }
}
