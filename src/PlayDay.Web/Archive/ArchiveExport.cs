using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Archive;

/// <summary>Writes share-backs as a zip of Markdown files, one folder per play day, in a stable order.</summary>
public static partial class ArchiveExport
{
    public static async Task<byte[]> ZipAsync(PlayDayDbContext db, int? playDayId = null)
    {
        var shareBacks = await db.ShareBacks.AsNoTracking()
            .Where(s => playDayId == null || s.PlayDayId == playDayId)
            .Include(s => s.Team!.Reactions)
            .ToListAsync();
        var playDayIds = shareBacks.Select(s => s.PlayDayId).Distinct().ToList();
        var playDays = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var shareBack in shareBacks.OrderBy(s => playDays[s.PlayDayId].Date).ThenBy(s => playDays[s.PlayDayId].CalendarUid).ThenBy(s => s.Team?.Name, StringComparer.Ordinal))
            {
                var playDay = playDays[shareBack.PlayDayId];
                var folder = $"{playDay.Date:yyyy-MM-dd}-{Slug(playDay.Title)}";
                var path = $"{folder}/{Slug(shareBack.Team?.Name ?? "team")}.md";
                for (var n = 2; !used.Add(path); n++)
                {
                    path = $"{folder}/{Slug(shareBack.Team?.Name ?? "team")}-{n}.md";
                }
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(shareBack.EditedAtUtc ?? shareBack.PostedAtUtc);
                await using var stream = entry.Open();
                var bytes = new UTF8Encoding(false).GetBytes(ArchivedShareBack.From(shareBack, playDay).ToMarkdown());
                await stream.WriteAsync(bytes);
            }
        }
        return output.ToArray();
    }

    /// <summary>"AI Play Day 2026 Q4: Agents!" → "ai-play-day-2026-q4-agents".</summary>
    public static string Slug(string text)
    {
        var slug = NotSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "untitled" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
