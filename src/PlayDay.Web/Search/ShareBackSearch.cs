using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Search;

/// <summary>
/// Full-text search over share-backs with SQLite's FTS5 index (kept in step by triggers, see the
/// Archive migration). Title and tag matches rank above body matches (bm25 column weights).
/// </summary>
public sealed class ShareBackSearch(PlayDayDbContext db)
{
    public const int PageSize = 10;
    private const char MarkStart = '\u0001';
    private const char MarkEnd = '\u0002';

    public sealed record Hit(ShareBack ShareBack, PlayDayEvent PlayDay, string SnippetHtml);

    public sealed record Results(IReadOnlyList<Hit> Hits, int Total, int Page, IReadOnlyList<string> Suggestions)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    private sealed record Row(int Id, double Rank, string Snippet);

    public async Task<Results> SearchAsync(SearchQuery query, int page, Scheduling.Quarter? quarter = null)
    {
        page = Math.Max(1, page);
        List<Row> rows;
        if (query.Match is { } match)
        {
            // Weights per column: title, tags, body, team.
            rows = await db.Database.SqlQueryRaw<Row>(
                """
                SELECT rowid AS Id, bm25("ShareBackSearch", 10.0, 6.0, 1.0, 3.0) AS Rank,
                       snippet("ShareBackSearch", -1, char(1), char(2), '…', 18) AS Snippet
                FROM "ShareBackSearch"
                WHERE "ShareBackSearch" MATCH @match
                ORDER BY Rank
                """, new SqliteParameter("@match", match)).ToListAsync();
        }
        else
        {
            rows = (await db.ShareBacks.AsNoTracking().OrderByDescending(s => s.PostedAtUtc).Select(s => s.Id).ToListAsync())
                .Select((id, i) => new Row(id, i, "")).ToList();
        }
        if (query.ExcludedMatch is { } excludedMatch)
        {
            var excluded = (await db.Database.SqlQueryRaw<int>(
                """SELECT rowid AS Value FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH @excluded""",
                new SqliteParameter("@excluded", excludedMatch)).ToListAsync()).ToHashSet();
            rows = rows.Where(r => !excluded.Contains(r.Id)).ToList();
        }

        var ids = rows.Select(r => r.Id).ToList();
        var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => ids.Contains(s.Id)).Include(s => s.Team!.Reactions).ToDictionaryAsync(s => s.Id);
        var inQuarter = quarter is { } q
            ? (await db.PlayDays.AsNoTracking().Where(p => p.Date >= q.FirstDay && p.Date <= q.LastDay).Select(p => p.Id).ToListAsync()).ToHashSet()
            : null;
        var matching = rows.Where(r => shareBacks.TryGetValue(r.Id, out var s) && query.Tags.All(t => s.TagList.Contains(t))
            && (inQuarter is null || inQuarter.Contains(s.PlayDayId))).ToList();
        var pageRows = matching.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var playDayIds = pageRows.Select(r => shareBacks[r.Id].PlayDayId).Distinct().ToList();
        var playDays = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var hits = pageRows.Select(r => new Hit(shareBacks[r.Id], playDays[shareBacks[r.Id].PlayDayId], SnippetHtml(r.Snippet, shareBacks[r.Id]))).ToList();
        var suggestions = matching.Count == 0 ? await SuggestAsync(query) : [];
        return new Results(hits, matching.Count, page, suggestions);
    }

    /// <summary>Highlights from FTS5, HTML-encoded piece by piece so the marks are the only markup.</summary>
    private static string SnippetHtml(string snippet, ShareBack shareBack)
    {
        if (snippet.Length == 0)
        {
            snippet = shareBack.Body.Length > 200 ? shareBack.Body[..200] + "…" : shareBack.Body;
        }
        var html = new System.Text.StringBuilder();
        var marked = false;
        foreach (var piece in snippet.Split(MarkStart, MarkEnd))
        {
            html.Append(HtmlEncoder.Default.Encode(piece));
            html.Append(marked ? "</mark>" : "<mark>");
            marked = !marked;
        }
        // Drop the tag the loop appended after the last piece.
        var text = html.ToString();
        return marked ? text[..^"<mark>".Length] : text[..^"</mark>".Length];
    }

    /// <summary>For a search with no results: tags spelled nearly like a word, and dropping filters.</summary>
    private async Task<List<string>> SuggestAsync(SearchQuery query)
    {
        var suggestions = new List<string>();
        var tags = (await db.ShareBacks.AsNoTracking().Select(s => s.Tags).ToListAsync())
            .SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var word in query.Words.Concat(query.Tags))
        {
            foreach (var tag in tags.Where(t => t != word && Distance(t, word.ToLowerInvariant()) <= Math.Max(1, word.Length / 3)))
            {
                suggestions.Add($"tag:{tag}");
            }
        }
        if ((query.Tags.Count > 0 || query.Excluded.Count > 0) && query.HasTerms)
        {
            suggestions.Add(query.WithoutFilters);
        }
        return suggestions.Distinct(StringComparer.Ordinal).Take(5).ToList();
    }

    /// <summary>Levenshtein distance: how many single-letter edits turn one word into the other.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
