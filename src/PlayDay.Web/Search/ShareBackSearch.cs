using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Search;

/// <summary>
/// Full-text search and filtered browsing over share-backs with SQLite's FTS5 index (kept in step by
/// triggers, see the SearchPlainText migration). Title and tag matches rank above body matches
/// (bm25 column weights). SQLite ranks, filters and cuts the page; only the page's rows are loaded
/// and get a snippet, so the cost follows the page, not the number of matches.
/// </summary>
public sealed class ShareBackSearch(PlayDayDbContext db, TagCatalog tagCatalog)
{
    public const int PageSize = 10;

    /// <summary>Counting stops here ("10,000+ results"): past it the exact number tells nobody anything.</summary>
    public const int CountCap = 10_000;

    private const char MarkStart = '\u0001';
    private const char MarkEnd = '\u0002';

    /// <summary>What narrows the share-backs besides the words: each is a whole-value filter.</summary>
    public sealed record Filters(Quarter? Quarter = null, Outcome? Outcome = null, ReactionKind? Reaction = null, string? Tool = null, int? PlayDayId = null, string? Team = null)
    {
        public static readonly Filters None = new();

        public bool Any => this != None;

        /// <summary>
        /// The filters as a query string carries them ("2026 Q4", "Adopted", "GreatFailure", a tag); one
        /// that cannot be read is left out and said in <c>Problem</c>, so a bad link still shows results.
        /// </summary>
        public static (Filters Filters, string? Problem) Read(string? quarter, string? outcome, string? reaction, string? tool, int? playDayId = null, string? team = null)
        {
            var problems = new List<string>();
            Scheduling.Quarter? wantedQuarter = null;
            if (!string.IsNullOrWhiteSpace(quarter))
            {
                if (Scheduling.Quarter.TryParse(quarter, out var parsed))
                {
                    wantedQuarter = parsed;
                }
                else
                {
                    problems.Add($"“{quarter}” is not a quarter; pick one from the list.");
                }
            }
            var wantedOutcome = ReadEnum<Outcome>(outcome, "an outcome", problems);
            var wantedReaction = ReadEnum<ReactionKind>(reaction, "a reaction", problems);
            var filters = new Filters(wantedQuarter, wantedOutcome, wantedReaction, string.IsNullOrWhiteSpace(tool) ? null : tool.Trim(), playDayId, string.IsNullOrWhiteSpace(team) ? null : team.Trim());
            return (filters, problems.Count == 0 ? null : string.Join(" ", problems));
        }

        private static T? ReadEnum<T>(string? text, string what, List<string> problems) where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            // Names only: a number would pass Enum.TryParse without naming anything.
            if (!text.Any(char.IsDigit) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value))
            {
                return value;
            }
            problems.Add($"“{text}” is not {what}; pick one from the list.");
            return null;
        }
    }

    /// <summary>The order a query string asks for ("newest", "oldest", "relevance"); anything else is <paramref name="fallback"/>.</summary>
    public static SearchOrder ReadOrder(string? sort, SearchOrder fallback) =>
        !string.IsNullOrWhiteSpace(sort) && !sort.Any(char.IsDigit) && Enum.TryParse<SearchOrder>(sort.Trim(), ignoreCase: true, out var order) && Enum.IsDefined(order) ? order : fallback;

    /// <summary>
    /// A result as its card shows it (Pages/Shared/_ShareBackSummaries.cshtml): reactions are the counts per kind,
    /// live and imported. What needs the whole share-back (the API, the feeds) loads it by <see cref="Id"/>.
    /// </summary>
    public sealed record Hit(int Id, string Title, IReadOnlyList<string> Tags, Outcome Outcome, Figures Figures, string TeamName, DateTime PostedAtUtc,
        int PlayDayId, string PlayDayTitle, Quarter Quarter, IReadOnlyDictionary<ReactionKind, int> Reactions, string SnippetHtml);

    public sealed record Results(IReadOnlyList<Hit> Hits, int Total, bool TotalIsCapped, int Page, int Size, IReadOnlyList<string> Suggestions)
    {
        public int Pages => Math.Max(1, (Total + Size - 1) / Size);

        /// <summary>"1 result", "42 results", "10,000+ results".</summary>
        public string CountText => string.Create(CultureInfo.InvariantCulture, $"{Total:N0}{(TotalIsCapped ? "+" : "")} result{(Total == 1 && !TotalIsCapped ? "" : "s")}");
    }

    public async Task<Results> SearchAsync(SearchQuery query, int page, Filters? filters = null, SearchOrder order = SearchOrder.Relevance, int size = PageSize)
    {
        filters ??= Filters.None;
        size = Math.Clamp(size, 1, 100);
        // Past the counted results there is nothing to page to.
        page = Math.Clamp(page, 1, (CountCap + size - 1) / size);
        var tags = query.Tags.Concat(string.IsNullOrWhiteSpace(filters.Tool) ? [] : [filters.Tool.Trim().ToLowerInvariant()]).Distinct(StringComparer.Ordinal).ToList();
        var match = query.FullMatch(tags);

        var parameters = new List<SqliteParameter>();
        var where = new List<string>();
        string from;
        if (match is not null)
        {
            parameters.Add(new SqliteParameter("@match", match));
            where.Add("\"ShareBackSearch\" MATCH @match");
            // Deleted share-backs are not in the index, so the join is only for the filters and dates.
            var needsShareBacks = tags.Count > 0 || filters.Any || order != SearchOrder.Relevance || !query.HasTerms;
            from = needsShareBacks ? "\"ShareBackSearch\" JOIN \"ShareBacks\" s ON s.\"Id\" = \"ShareBackSearch\".rowid" : "\"ShareBackSearch\"";
        }
        else
        {
            from = "\"ShareBacks\" s";
            where.Add("s.\"DeletedAtUtc\" IS NULL");
            if (query.ExcludedMatch is { } excluded)
            {
                parameters.Add(new SqliteParameter("@excluded", excluded));
                where.Add("s.\"Id\" NOT IN (SELECT rowid FROM \"ShareBackSearch\" WHERE \"ShareBackSearch\" MATCH @excluded)");
            }
        }
        for (var i = 0; i < tags.Count; i++)
        {
            // Tags are stored "a,b,c": the FTS column match above narrows, this keeps whole tags only.
            parameters.Add(new SqliteParameter($"@tag{i}", "," + tags[i] + ","));
            where.Add($"instr(',' || s.\"Tags\" || ',', @tag{i}) > 0");
        }
        if (filters.Quarter is { } quarter)
        {
            parameters.Add(new SqliteParameter("@first", quarter.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            parameters.Add(new SqliteParameter("@last", quarter.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            where.Add("s.\"PlayDayId\" IN (SELECT \"Id\" FROM \"PlayDays\" WHERE \"Date\" >= @first AND \"Date\" <= @last)");
        }
        if (filters.PlayDayId is { } playDayId)
        {
            parameters.Add(new SqliteParameter("@playDay", playDayId));
            where.Add("s.\"PlayDayId\" = @playDay");
        }
        if (!string.IsNullOrWhiteSpace(filters.Team))
        {
            // LIKE without wildcards: an exact, case-insensitive name match.
            var team = filters.Team.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            parameters.Add(new SqliteParameter("@team", team));
            where.Add("s.\"TeamId\" IN (SELECT \"Id\" FROM \"Teams\" WHERE \"Name\" LIKE @team ESCAPE '\\')");
        }
        if (filters.Outcome is { } outcome)
        {
            parameters.Add(new SqliteParameter("@outcome", (int)outcome));
            where.Add("s.\"Outcome\" = @outcome");
        }
        if (filters.Reaction is { } reaction)
        {
            // Live reactions to the team, or counts carried in by an import ("WouldUse=3;GreatFailure=1", positive counts only).
            parameters.Add(new SqliteParameter("@reaction", (int)reaction));
            parameters.Add(new SqliteParameter("@imported", ";" + reaction + "="));
            where.Add("(EXISTS (SELECT 1 FROM \"Reactions\" r WHERE r.\"TeamId\" = s.\"TeamId\" AND r.\"Kind\" = @reaction) OR instr(';' || coalesce(s.\"ImportedReactions\", ''), @imported) > 0)");
        }

        var id = from.StartsWith("\"ShareBacks\"", StringComparison.Ordinal) ? "s.\"Id\"" : "\"ShareBackSearch\".rowid";
        var orderBy = (order, query.HasTerms) switch
        {
            (SearchOrder.Oldest, _) => "s.\"PostedAtUtc\", s.\"Id\"",
            (SearchOrder.Relevance, true) => "bm25(\"ShareBackSearch\", 10.0, 6.0, 1.0, 3.0)", // title, tags, body, team
            _ => "s.\"PostedAtUtc\" DESC, s.\"Id\" DESC",
        };
        // Words searched with nothing that needs the share-backs' rows (no filter, tag or date order):
        // FTS5 alone ranks and cuts the page, and the snippets come in the same statement; SQLite
        // makes them only for the rows that enter the LIMIT's running top ten, not for every match
        // ("prompt": 70 snippets at 10,000 share-backs, 87 at 100,000; 41 ms ranked without snippets,
        // 46 ms with them at 100,000 in the sqlite3 shell).
        var rankedInIndex = from == "\"ShareBackSearch\"";
        var snippet = "snippet(\"ShareBackSearch\", 2, char(1), char(2), '…', 18)";
        var filter = string.Join(" AND ", where);
        // Only fixed fragments go into the SQL text; every value typed by a person is a parameter.
        var countSql = $"SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {filter} LIMIT @cap)";
        var pageSql = $"SELECT {id}{(rankedInIndex ? ", " + snippet : "")} FROM {from} WHERE {filter} ORDER BY {orderBy} LIMIT @take OFFSET @skip";
        if (match is not null && !query.HasTerms)
        {
            // Only tags (a tool is in many share-backs): walk the share-backs newest (or oldest) first
            // along their date index and keep those in the match, instead of joining and sorting every
            // match (100,000 share-backs, tag:copilot: 4 ms instead of 24-37 ms). The count still joins.
            var rest = where.Skip(1).Prepend("s.\"DeletedAtUtc\" IS NULL").Prepend("s.\"Id\" IN (SELECT rowid FROM \"ShareBackSearch\" WHERE \"ShareBackSearch\" MATCH @match)");
            pageSql = $"SELECT s.\"Id\" FROM \"ShareBacks\" s WHERE {string.Join(" AND ", rest)} ORDER BY {orderBy} LIMIT @take OFFSET @skip";
        }

        // One connection for every statement of the search: opening and closing it for each (as EF
        // does around a query on a closed connection) costs more than the statements themselves.
        await db.Database.OpenConnectionAsync();
        try
        {
            var rows = await RowsAsync(pageSql, [.. Copy(parameters), new SqliteParameter("@take", size), new SqliteParameter("@skip", (page - 1) * size)]);
            // A page that is not full says how many there are (an empty one only when it is the first).
            var count = rows.Count < size && (rows.Count > 0 || page == 1)
                ? (page - 1) * size + rows.Count
                : await CountAsync(countSql, [.. Copy(parameters), new SqliteParameter("@cap", CountCap + 1)]);
            var ids = rows.Select(r => r.Id).ToList();
            var snippets = rows.Where(r => r.Text is not null).ToDictionary(r => r.Id, r => r.Text!);
            if (!rankedInIndex && match is not null && query.HasTerms && ids.Count > 0)
            {
                // Snippets for the page's rows only: FTS5 finds each by rowid within the match.
                snippets = (await RowsAsync(
                    $"""
                    SELECT rowid, {snippet} FROM "ShareBackSearch"
                    WHERE "ShareBackSearch" MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))
                    """, [new SqliteParameter("@match", match), new SqliteParameter("@ids", JsonSerializer.Serialize(ids))]))
                    .ToDictionary(r => r.Id, r => r.Text ?? "");
            }
            var hits = ids.Count == 0 ? [] : await HitsAsync(ids, snippets);
            var suggestions = count == 0 ? await SuggestAsync(query) : [];
            return new Results(hits, Math.Min(count, CountCap), count > CountCap, page, size, suggestions);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The page's cards, in the order of <paramref name="ids"/>, from one statement.</summary>
    private async Task<List<Hit>> HitsAsync(List<int> ids, Dictionary<int, string> snippets)
    {
        var cards = new Dictionary<int, Card>(ids.Count);
        await foreach (var card in Cards(db, ids))
        {
            cards[card.Id] = card;
        }
        return ids.Where(cards.ContainsKey).Select(id => cards[id].Hit(SnippetHtml(snippets.GetValueOrDefault(id), cards[id].BodyStart))).ToList();
    }

    /// <summary>A card's columns as they come from the database.</summary>
    private sealed record Card(int Id, string Title, string Tags, Outcome Outcome, Figures Figures, string TeamName, DateTime PostedAtUtc,
        int PlayDayId, string PlayDayTitle, DateOnly PlayDayDate, string BodyStart, string? ImportedReactions,
        int WouldUse, int TryThisWeek, int TriedAlready, int GreatFailure)
    {
        public Hit Hit(string snippetHtml) => new(Id, Title, Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), Outcome, Figures, TeamName, PostedAtUtc,
            PlayDayId, PlayDayTitle, Quarter.Of(PlayDayDate), ShareBack.WithImported(new()
            {
                [ReactionKind.WouldUse] = WouldUse,
                [ReactionKind.TryThisWeek] = TryThisWeek,
                [ReactionKind.TriedAlready] = TriedAlready,
                [ReactionKind.GreatFailure] = GreatFailure,
            }, ImportedReactions), snippetHtml);
    }

    /// <summary>
    /// The cards of a page in one statement: the share-back's card columns, its team's name, its play day, the live
    /// reactions counted per kind in SQL (not loaded), and only the body's start (the excerpt when no words were
    /// searched). Compiled once, so a search does not build, parameterize and look up the LINQ again. Ordered by id:
    /// without it SQLite walks the index of every share-back that is not deleted (for the deleted filter) instead of
    /// looking the ten ids up.
    /// </summary>
    private static readonly Func<PlayDayDbContext, List<int>, IAsyncEnumerable<Card>> Cards = EF.CompileAsyncQuery((PlayDayDbContext db, List<int> ids) =>
        db.ShareBacks.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id)
            .Join(db.PlayDays, s => s.PlayDayId, p => p.Id, (s, p) => new Card(s.Id, s.Title, s.Tags, s.Outcome,
                new Figures(s.MinutesPerWeekBefore, s.MinutesPerWeekAfter, s.PeopleDoingTask, s.PeopleUsingNewWay, s.HowMeasured), s.Team!.Name, s.PostedAtUtc,
                p.Id, p.Title, p.Date, s.Body.Substring(0, ExcerptSource), s.ImportedReactions,
                s.Team.Reactions.Count(r => r.Kind == ReactionKind.WouldUse), s.Team.Reactions.Count(r => r.Kind == ReactionKind.TryThisWeek),
                s.Team.Reactions.Count(r => r.Kind == ReactionKind.TriedAlready), s.Team.Reactions.Count(r => r.Kind == ReactionKind.GreatFailure))));

    private SqliteCommand Command(string sql, SqliteParameter[] parameters)
    {
        var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.AddRange(parameters);
        return command;
    }

    private async Task<int> CountAsync(string sql, SqliteParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of an id and, when the statement gives one, a text (a snippet).</summary>
    private async Task<List<(int Id, string? Text)>> RowsAsync(string sql, SqliteParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.FieldCount > 1 && !reader.IsDBNull(1) ? reader.GetString(1) : null));
        }
        return rows;
    }

    private static IEnumerable<SqliteParameter> Copy(List<SqliteParameter> parameters) =>
        parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value));

    /// <summary>How much of the body an excerpt is made from when no words were searched.</summary>
    private const int ExcerptSource = 600;

    /// <summary>
    /// The excerpt as text (Markdown syntax taken away), HTML-encoded piece by piece so the FTS5
    /// marks become the only markup. Without a snippet (no words searched): the body's start.
    /// </summary>
    private static string SnippetHtml(string? snippet, string bodyStart)
    {
        // SQLite's substr counts characters, .NET UTF-16 units: the start from SQL is never shorter, so cut it here as before.
        var text = PlainText.FromMarkdown(snippet ?? PlainText.WithoutTemplateHeadings(bodyStart.Length > ExcerptSource ? bodyStart[..ExcerptSource] : bodyStart));
        if (snippet is null && text.Length > 200)
        {
            text = text[..200] + "…";
        }
        var html = new StringBuilder();
        var marked = false;
        foreach (var piece in text.Split(MarkStart, MarkEnd))
        {
            html.Append(HtmlEncoder.Default.Encode(piece));
            html.Append(marked ? "</mark>" : "<mark>");
            marked = !marked;
        }
        // Drop the tag the loop appended after the last piece.
        var result = html.ToString();
        return marked ? result[..^"<mark>".Length] : result[..^"</mark>".Length];
    }

    /// <summary>For a search with no results: tags spelled nearly like a word, and dropping filters.</summary>
    private async Task<List<string>> SuggestAsync(SearchQuery query)
    {
        var suggestions = new List<string>();
        var tags = await tagCatalog.TagsAsync(db);
        foreach (var word in query.Words.Concat(query.Tags).Take(10))
        {
            var lower = word.ToLowerInvariant();
            foreach (var tag in tags.Where(t => t != lower && Math.Abs(t.Length - lower.Length) <= Math.Max(1, lower.Length / 3) && Distance(t, lower) <= Math.Max(1, lower.Length / 3)))
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

/// <summary>How results are ordered: by relevance (words searched; otherwise newest first), newest or oldest first.</summary>
public enum SearchOrder
{
    Relevance = 0,
    Newest = 1,
    Oldest = 2,
}
