using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Search;

/// <summary>
/// Full-text search and filtered browsing over share-backs with the database's own full-text index
/// (SQLite's FTS5, PostgreSQL's tsvector, SQL Server's full-text index; kept in step by triggers, see
/// the SearchPlainText migration and the servers' Search migrations). Title and tag matches rank above
/// body matches (column weights). The database ranks, filters and cuts the page; only the page's rows
/// are loaded and get a snippet, so the cost follows the page, not the number of matches.
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
            var filters = new Filters(wantedQuarter, wantedOutcome, wantedReaction, ReadName(tool, "a tool", problems), playDayId, ReadName(team, "a team", problems));
            return (filters, problems.Count == 0 ? null : string.Join(" ", problems));
        }

        /// <summary>A tool's or team's name; one with a control character names nothing (no tag or team holds one, and PostgreSQL refuses a NUL).</summary>
        private static string? ReadName(string? text, string what, List<string> problems)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (text.Any(char.IsControl))
            {
                problems.Add($"That is not {what}; pick one from the list.");
                return null;
            }
            return text.Trim();
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

    /// <summary>A search's statements for one database: the count, the page, and each value typed by a person as a parameter.</summary>
    public sealed record Statements(string Count, string Page, IReadOnlyList<KeyValuePair<string, object>> Parameters, bool SnippetsInPage, string Snippets, string? SnippetMatch);

    /// <summary>What <see cref="SearchAsync"/> sends to <paramref name="provider"/> (less the page's bounds, @cap, @take and @skip).</summary>
    public static Statements Plan(DatabaseProvider provider, SearchQuery query, Filters? filters = null, SearchOrder order = SearchOrder.Relevance)
    {
        var sql = SqlFor(provider);
        filters ??= Filters.None;
        var tags = query.Tags.Concat(string.IsNullOrWhiteSpace(filters.Tool) ? [] : [filters.Tool.Trim().ToLowerInvariant()]).Distinct(StringComparer.Ordinal).ToList();
        var match = sql.Match(query, tags);

        var parameters = new List<KeyValuePair<string, object>>();
        var where = new List<string>();
        string from;
        if (match is not null)
        {
            parameters.Add(new("@match", match));
            where.Add(sql.Matches);
            // Deleted share-backs are not in the index, so the join is only for the filters and dates.
            var needsShareBacks = tags.Count > 0 || filters.Any || order != SearchOrder.Relevance || !query.HasTerms;
            from = sql.From(needsShareBacks);
        }
        else
        {
            from = "\"ShareBacks\" s";
            where.Add("s.\"DeletedAtUtc\" IS NULL");
            if (sql.Excluded(query) is { } excluded)
            {
                parameters.Add(new("@excluded", excluded));
                where.Add($"s.\"Id\" NOT IN ({sql.Ids("@excluded")})");
            }
        }
        for (var i = 0; i < tags.Count; i++)
        {
            // Tags are stored "a,b,c": the full-text match above narrows, this keeps whole tags only.
            parameters.Add(new($"@tag{i}", "," + tags[i] + ","));
            where.Add(sql.WholeTag($"@tag{i}"));
        }
        if (filters.Quarter is { } quarter)
        {
            parameters.Add(new("@first", sql.Date(quarter.FirstDay)));
            parameters.Add(new("@last", sql.Date(quarter.LastDay)));
            where.Add("s.\"PlayDayId\" IN (SELECT \"Id\" FROM \"PlayDays\" WHERE \"Date\" >= @first AND \"Date\" <= @last)");
        }
        if (filters.PlayDayId is { } playDayId)
        {
            parameters.Add(new("@playDay", playDayId));
            where.Add("s.\"PlayDayId\" = @playDay");
        }
        if (!string.IsNullOrWhiteSpace(filters.Team))
        {
            // LIKE without wildcards: an exact, case-insensitive name match.
            parameters.Add(new("@team", sql.LikePattern(filters.Team.Trim())));
            where.Add($"s.\"TeamId\" IN (SELECT \"Id\" FROM \"Teams\" WHERE {sql.TeamIs})");
        }
        if (filters.Outcome is { } outcome)
        {
            parameters.Add(new("@outcome", (int)outcome));
            where.Add("s.\"Outcome\" = @outcome");
        }
        if (filters.Reaction is { } reaction)
        {
            // Live reactions to the team, or counts carried in by an import ("WouldUse=3;GreatFailure=1", positive counts only).
            parameters.Add(new("@reaction", (int)reaction));
            parameters.Add(new("@imported", ";" + reaction + "="));
            where.Add($"(EXISTS (SELECT 1 FROM \"Reactions\" r WHERE r.\"TeamId\" = s.\"TeamId\" AND r.\"Kind\" = @reaction) OR {sql.ImportedReaction})");
        }

        var id = from.StartsWith("\"ShareBacks\"", StringComparison.Ordinal) ? "s.\"Id\"" : "\"ShareBackSearch\".rowid";
        var ranked = order == SearchOrder.Relevance && query.HasTerms;
        var orderBy = (order, query.HasTerms) switch
        {
            (SearchOrder.Oldest, _) => "s.\"PostedAtUtc\", s.\"Id\"",
            (SearchOrder.Relevance, true) => sql.Relevance,
            _ => "s.\"PostedAtUtc\" DESC, s.\"Id\" DESC",
        };
        if (ranked && sql.RankMatch(query) is { } rank)
        {
            parameters.Add(new("@rank", rank));
        }
        // Words searched with nothing that needs the share-backs' rows (no filter, tag or date order):
        // FTS5 alone ranks and cuts the page, and the snippets come in the same statement; SQLite
        // makes them only for the rows that enter the LIMIT's running top ten, not for every match
        // ("prompt": 70 snippets at 10,000 share-backs, 87 at 100,000; 41 ms ranked without snippets,
        // 46 ms with them at 100,000 in the sqlite3 shell).
        var rankedInIndex = from == "\"ShareBackSearch\"";
        var snippet = "snippet(\"ShareBackSearch\", 2, char(1), char(2), '…', 18)";
        var filter = string.Join(" AND ", where);
        // Only fixed fragments go into the SQL text; every value typed by a person is a parameter.
        var countSql = sql.Count(from, filter);
        var pageSql = sql.Page($"{id}{(rankedInIndex ? ", " + snippet : "")}", from + (ranked ? sql.RankJoins : ""), filter, orderBy);
        if (match is not null && !query.HasTerms)
        {
            // Only tags (a tool is in many share-backs): walk the share-backs newest (or oldest) first
            // along their date index and keep those in the match, instead of joining and sorting every
            // match (100,000 share-backs, tag:copilot: 4 ms instead of 24-37 ms). The count still joins.
            var rest = where.Skip(1).Prepend("s.\"DeletedAtUtc\" IS NULL").Prepend($"s.\"Id\" IN ({sql.Ids("@match")})");
            pageSql = sql.Page("s.\"Id\"", "\"ShareBacks\" s", string.Join(" AND ", rest), orderBy);
        }
        // Snippets for the page's rows only, when the page statement did not make them.
        return new Statements(countSql, pageSql, parameters, rankedInIndex, sql.Snippets(snippet), query.HasTerms ? sql.SnippetMatch(query, match) : null);
    }

    public async Task<Results> SearchAsync(SearchQuery query, int page, Filters? filters = null, SearchOrder order = SearchOrder.Relevance, int size = PageSize)
    {
        filters ??= Filters.None;
        size = Math.Clamp(size, 1, 100);
        // Past the counted results there is nothing to page to.
        page = Math.Clamp(page, 1, (CountCap + size - 1) / size);
        var provider = db.Database.Provider();
        var sql = SqlFor(provider);
        var (countSql, pageSql, parameters, rankedInIndex, snippetSql, match) = Plan(provider, query, filters, order);

        // One connection for every statement of the search: opening and closing it for each (as EF
        // does around a query on a closed connection) costs more than the statements themselves.
        await db.Database.OpenConnectionAsync();
        try
        {
            var rows = await RowsAsync(pageSql, [.. parameters, new("@take", size), new("@skip", (page - 1) * size)]);
            // A page that is not full says how many there are (an empty one only when it is the first).
            var count = rows.Count < size && (rows.Count > 0 || page == 1)
                ? (page - 1) * size + rows.Count
                : await CountAsync(countSql, [.. parameters, new("@cap", CountCap + 1)]);
            var ids = rows.Select(r => r.Id).ToList();
            var snippets = rows.Where(r => r.Text is not null).ToDictionary(r => r.Id, r => r.Text!);
            if (!rankedInIndex && match is not null && query.HasTerms && ids.Count > 0)
            {
                // Snippets for the page's rows only: the index finds each by its id within the match.
                snippets = (await RowsAsync(snippetSql, [new("@match", match), new("@ids", sql.IdList(ids))]))
                    .ToDictionary(r => r.Id, r => sql.Snippet(r.Text ?? "", query));
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

    private DbCommand Command(string sql, KeyValuePair<string, object>[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private async Task<int> CountAsync(string sql, KeyValuePair<string, object>[] parameters)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of an id and, when the statement gives one, a text (a snippet).</summary>
    private async Task<List<(int Id, string? Text)>> RowsAsync(string sql, KeyValuePair<string, object>[] parameters)
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

    private static string LikeEscaped(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The one place that tells the databases apart: each has its own full-text index (see its Search migration).</summary>
    private static Sql SqlFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => PostgreSql,
        DatabaseProvider.SqlServer => SqlServer,
        _ => Sqlite,
    };

    /// <summary>What differs between the databases' searches: the match, its index, a few functions, paging and snippets.</summary>
    private sealed record Sql(
        Func<SearchQuery, IReadOnlyList<string>, string?> Match,
        Func<SearchQuery, string?> Excluded,
        string Matches,
        Func<bool, string> From,
        Func<string, string> Ids,
        Func<string, string> WholeTag,
        Func<DateOnly, object> Date,
        Func<string, string> LikePattern,
        string TeamIs,
        string ImportedReaction,
        string Relevance,
        Func<SearchQuery, string?> RankMatch,
        string RankJoins,
        Func<string, string, string> Count,
        Func<string, string, string, string, string> Page,
        Func<string, string> Snippets,
        Func<SearchQuery, string?, string?> SnippetMatch,
        Func<List<int>, object> IdList,
        Func<string, SearchQuery, string> Snippet);

    /// <summary>FTS5 (the SearchPlainText migration): bm25 ranks, snippet() marks and cuts.</summary>
    private static readonly Sql Sqlite = new(
        Match: (query, tags) => query.FullMatch(tags),
        Excluded: query => query.ExcludedMatch,
        Matches: "\"ShareBackSearch\" MATCH @match",
        From: needsShareBacks => needsShareBacks ? "\"ShareBackSearch\" JOIN \"ShareBacks\" s ON s.\"Id\" = \"ShareBackSearch\".rowid" : "\"ShareBackSearch\"",
        Ids: parameter => $"SELECT rowid FROM \"ShareBackSearch\" WHERE \"ShareBackSearch\" MATCH {parameter}",
        WholeTag: parameter => $"instr(',' || s.\"Tags\" || ',', {parameter}) > 0",
        Date: day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        LikePattern: LikeEscaped,
        TeamIs: "\"Name\" LIKE @team ESCAPE '\\'",
        ImportedReaction: "instr(';' || coalesce(s.\"ImportedReactions\", ''), @imported) > 0",
        Relevance: "bm25(\"ShareBackSearch\", 10.0, 6.0, 1.0, 3.0)", // title, tags, body, team
        RankMatch: _ => null,
        RankJoins: "",
        Count: (from, filter) => $"SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {filter} LIMIT @cap)",
        Page: (select, from, filter, orderBy) => $"SELECT {select} FROM {from} WHERE {filter} ORDER BY {orderBy} LIMIT @take OFFSET @skip",
        Snippets: snippet => $"""
            SELECT rowid, {snippet} FROM "ShareBackSearch"
            WHERE "ShareBackSearch" MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))
            """,
        SnippetMatch: (_, match) => match,
        IdList: ids => JsonSerializer.Serialize(ids),
        Snippet: (text, _) => text);

    /// <summary>
    /// A tsvector per share-back with a GIN index (the PostgreSQL Search migration: title A, tags B,
    /// team C, body D, in the playday_english configuration: English stems, no stop words, as FTS5's
    /// porter tokenizer). ts_headline marks the matches in the page's bodies, <see cref="Excerpt"/> cuts.
    /// </summary>
    private static readonly Sql PostgreSql = new(
        Match: (query, tags) => query.TsQuery(tags),
        Excluded: query => query.ExcludedTsQuery,
        Matches: "f.\"Document\" @@ to_tsquery('playday_english', @match)",
        From: _ => "\"ShareBacks\" s JOIN \"ShareBackSearch\" f ON f.\"Id\" = s.\"Id\"",
        Ids: parameter => $"SELECT \"Id\" FROM \"ShareBackSearch\" WHERE \"Document\" @@ to_tsquery('playday_english', {parameter})",
        WholeTag: parameter => $"strpos(',' || s.\"Tags\" || ',', {parameter}) > 0",
        Date: day => day,
        LikePattern: LikeEscaped,
        TeamIs: "\"Name\" ILIKE @team ESCAPE '\\'",
        ImportedReaction: "strpos(';' || coalesce(s.\"ImportedReactions\", ''), @imported) > 0",
        // ts_rank's weights go D, C, B, A: body 0.1, team 0.3, tags 0.6, title 1.0, as bm25's 1, 3, 6, 10;
        // normalization 1 divides by 1 + log(length), as bm25 weighs long documents down.
        Relevance: "ts_rank(ARRAY[0.1, 0.3, 0.6, 1.0]::real[], f.\"Document\", to_tsquery('playday_english', @match), 1) DESC, s.\"Id\" DESC",
        RankMatch: _ => null,
        RankJoins: "",
        Count: (from, filter) => $"SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {filter} LIMIT @cap) c",
        Page: (select, from, filter, orderBy) => $"SELECT {select} FROM {from} WHERE {filter} ORDER BY {orderBy} LIMIT @take OFFSET @skip",
        // The body as indexed (ShareBackSearchBody: no template headings, '<' as chr(3) so HTML stays text), every match marked.
        Snippets: _ => """
            SELECT "Id", ts_headline('playday_english', "ShareBackSearchBody"("Body"), to_tsquery('playday_english', @match),
                                     'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2))
            FROM "ShareBacks" WHERE "Id" = ANY(@ids)
            """,
        SnippetMatch: (query, _) => query.TermsTsQuery,
        IdList: ids => ids.ToArray(),
        Snippet: (text, _) => Excerpt.Cut(text.Replace('\u0003', '<')));

    /// <summary>
    /// A full-text index on a table the triggers keep (the SQL Server Search migration). CONTAINS has no
    /// column weights and no snippets: each column's rank for any of the words is weighed as bm25's
    /// columns are, and the page's bodies are marked and cut in C#.
    /// </summary>
    private static readonly Sql SqlServer = new(
        Match: (query, tags) => query.ContainsCondition(tags),
        Excluded: query => query.ExcludedContains,
        Matches: "s.\"Id\" IN (SELECT [KEY] FROM CONTAINSTABLE([ShareBackSearch], *, @match))",
        From: _ => "\"ShareBacks\" s",
        Ids: parameter => $"SELECT [KEY] FROM CONTAINSTABLE([ShareBackSearch], *, {parameter})",
        WholeTag: parameter => $"CHARINDEX({parameter}, ',' + s.\"Tags\" + ',') > 0",
        Date: day => day,
        // LIKE's brackets are wildcards on SQL Server too.
        LikePattern: team => LikeEscaped(team).Replace("[", "\\[", StringComparison.Ordinal),
        TeamIs: "\"Name\" LIKE @team ESCAPE '\\'",
        ImportedReaction: "CHARINDEX(@imported, ';' + coalesce(s.\"ImportedReactions\", '')) > 0",
        Relevance: "10 * coalesce(byTitle.[RANK], 0) + 6 * coalesce(byTags.[RANK], 0) + 3 * coalesce(byTeam.[RANK], 0) + coalesce(byBody.[RANK], 0) DESC, s.\"Id\" DESC",
        RankMatch: query => query.AnyContains,
        RankJoins: """
             LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Title], @rank) byTitle ON byTitle.[KEY] = s."Id"
             LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Tags], @rank) byTags ON byTags.[KEY] = s."Id"
             LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Team], @rank) byTeam ON byTeam.[KEY] = s."Id"
             LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Body], @rank) byBody ON byBody.[KEY] = s."Id"
            """,
        Count: (from, filter) => $"SELECT count(*) FROM (SELECT TOP (@cap) 1 AS [Found] FROM {from} WHERE {filter}) c",
        Page: (select, from, filter, orderBy) => $"SELECT {select} FROM {from} WHERE {filter} ORDER BY {orderBy} OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY",
        Snippets: _ => "SELECT [Id], [Body] FROM [ShareBackSearch] WHERE [Id] IN (SELECT CAST([value] AS int) FROM OPENJSON(@ids))",
        SnippetMatch: (query, _) => query.AnyContains,
        IdList: ids => JsonSerializer.Serialize(ids),
        Snippet: (text, query) => Excerpt.Cut(Excerpt.Mark(text, query.Words.Concat(query.Phrases))));
}

/// <summary>How results are ordered: by relevance (words searched; otherwise newest first), newest or oldest first.</summary>
public enum SearchOrder
{
    Relevance = 0,
    Newest = 1,
    Oldest = 2,
}
