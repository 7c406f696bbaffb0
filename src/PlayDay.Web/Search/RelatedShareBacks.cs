using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Search;

/// <summary>
/// "Has someone tried this already?": the past share-backs closest to what a team is typing (its
/// plan, a title and tools), from search's full-text index. The text is read with <see cref="SearchQuery"/>,
/// cut to its meaningful words (no stop words, none shorter than three characters, no bare numbers)
/// and asked for as any of them, so a long plan still finds the share-back that shares a few of its
/// words. Words in half or more of the share-backs are left out first (bm25 gives them no weight, but
/// scoring them would touch nearly every row), and the commonest of the rest while their rows exceed
/// a budget; the database ranks and only the top few rows are loaded.
/// </summary>
public sealed class RelatedShareBacks(PlayDayDbContext db)
{
    /// <summary>Longer text is refused: a plan (1,000), a title and tools fit well within it.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Words asked for at most (the first ones typed): each adds a list FTS5 walks.</summary>
    public const int MaxTerms = 24;

    public const int Take = 5;

    /// <summary>
    /// Rows bm25 may score for one lookup, about: the most common of the telling words are left out
    /// until the share-backs they are in fit (the rarest word always stays). Scoring cost follows it,
    /// not the archive's size.
    /// </summary>
    public const int RowBudget = 2000;

    private const int MinWordLength = 3;

    public sealed record Item(int Id, string Title, Outcome Outcome, string? Figures, string Team, Quarter Quarter);

    private sealed record Row(int Id, string Title, Outcome Outcome, int? MinutesPerWeekBefore, int? MinutesPerWeekAfter, int? PeopleDoingTask, int? PeopleUsingNewWay, string Team, DateOnly Date);

    /// <summary>The words of <paramref name="text"/> worth matching, lower case, each once, in the order typed.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        // SearchQuery reads any text without failing; here every part of it is just words.
        var query = SearchQuery.Parse(text);
        return query.Words
            .Concat(query.Phrases.Concat(query.Excluded).SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Select(w => w.ToLowerInvariant())
            .Where(w => w.Length >= MinWordLength && !w.All(char.IsDigit) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
    }

    /// <summary>The FTS5 expression: any of the terms, each quoted so it is only ever text; null without terms.</summary>
    public static string? Match(IReadOnlyList<string> terms) =>
        terms.Count == 0 ? null : string.Join(" OR ", terms.Select(SearchQuery.Quote));

    /// <summary>The share-backs most like <paramref name="text"/>, best first, never <paramref name="exclude"/>.</summary>
    public async Task<IReadOnlyList<Item>> FindAsync(string? text, int? exclude, CancellationToken cancellationToken = default)
    {
        var sql = SqlFor(db.Database.Provider());
        var terms = Terms(text);
        if (terms.Count > 1)
        {
            terms = await TellingAsync(sql, terms, cancellationToken);
        }
        if (sql.Match(terms) is not { } match)
        {
            return [];
        }
        var ids = await Ranked(sql, match, exclude).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await Rows(sql, ids).ToDictionaryAsync(r => r.Id, cancellationToken);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new Item(
            r.Id, r.Title, r.Outcome,
            new Figures(r.MinutesPerWeekBefore, r.MinutesPerWeekAfter, r.PeopleDoingTask, r.PeopleUsingNewWay, null).Summary(),
            r.Team, Quarter.Of(r.Date))).ToList();
    }

    /// <summary>The SQL of the lookup's three statements on this context's database, as <see cref="FindAsync"/> sends them for <paramref name="terms"/>.</summary>
    public IReadOnlyList<string> QueryStrings(IReadOnlyList<string> terms, int? exclude)
    {
        var sql = SqlFor(db.Database.Provider());
        return [Counts(sql, terms).ToQueryString(), Ranked(sql, sql.Match(terms) ?? "", exclude).ToQueryString(), Rows(sql, [1, 2]).ToQueryString()];
    }

    /// <summary>The best <see cref="Take"/> share-backs for the match, best first. Title and tools weigh most, as in search; the team's name weighs as little as the body.</summary>
    private IQueryable<int> Ranked(Sql sql, string match, int? exclude) =>
        db.Database.SqlQueryRaw<int>(sql.Ranked, sql.Parameter("@match", match), sql.Parameter("@exclude", exclude ?? 0), sql.Parameter("@take", Take));

    private IQueryable<Row> Rows(Sql sql, List<int> ids)
    {
        // Only a fixed fragment goes into the text; the ids are a parameter.
        var text = $"""
            SELECT s."Id", s."Title", s."Outcome", s."MinutesPerWeekBefore", s."MinutesPerWeekAfter", s."PeopleDoingTask", s."PeopleUsingNewWay",
                   t."Name" AS "Team", p."Date"
            FROM "ShareBacks" s JOIN "Teams" t ON t."Id" = s."TeamId" JOIN "PlayDays" p ON p."Id" = s."PlayDayId"
            WHERE s."Id" IN ({sql.IdsIn}) AND s."DeletedAtUtc" IS NULL
            """;
        return db.Database.SqlQueryRaw<Row>(text, sql.Parameter("@ids", sql.IdList(ids)));
    }

    private IQueryable<Frequency> Counts(Sql sql, IReadOnlyList<string> terms) =>
        db.Database.SqlQueryRaw<Frequency>(sql.Counts(terms.Count), [.. sql.TermParameters(terms), sql.Parameter("@budget", RowBudget)]);

    private sealed record Frequency(int Index, int Docs, int Total);

    /// <summary>
    /// The telling terms: those in fewer than half of the share-backs, rarest first while the rows they
    /// are in fit <see cref="RowBudget"/>. bm25 gives a term in half or more of them no weight at all
    /// (its IDF is clamped to almost zero), yet each such term makes SQLite score nearly every row, so
    /// leaving them out keeps the order; past the budget, the commonest words weigh least and are the
    /// ones left out. Each count stops at the budget or half, whichever is lower. When no term is
    /// telling, the rarest two that occur at all are kept, so one common word still finds something.
    /// </summary>
    private async Task<IReadOnlyList<string>> TellingAsync(Sql sql, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var counts = await Counts(sql, terms).ToListAsync(cancellationToken);
        var telling = new List<Frequency>();
        var rows = 0;
        foreach (var count in counts.Where(c => c.Docs > 0 && 2 * c.Docs < c.Total && c.Docs <= RowBudget).OrderBy(c => c.Docs).ThenBy(c => c.Index))
        {
            if (telling.Count > 0 && rows + count.Docs > RowBudget)
            {
                break;
            }
            telling.Add(count);
            rows += count.Docs;
        }
        if (telling.Count == 0)
        {
            telling = counts.Where(c => c.Docs > 0).OrderBy(c => c.Docs).ThenBy(c => c.Index).Take(2).ToList();
        }
        return telling.OrderBy(c => c.Index).Select(c => terms[c.Index]).ToList();
    }

    /// <summary>The one place that tells the databases apart: each has its own full-text index (see its Search migration).</summary>
    private static Sql SqlFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => PostgreSql,
        DatabaseProvider.SqlServer => SqlServer,
        _ => Sqlite,
    };

    /// <summary>What differs between the databases' lookups: the match, its ranking, the id list and the per-term counts.</summary>
    private sealed record Sql(
        Func<IReadOnlyList<string>, string?> Match,
        string Ranked,
        string IdsIn,
        Func<List<int>, object> IdList,
        Func<int, string> Counts,
        Func<IReadOnlyList<string>, IEnumerable<DbParameter>> TermParameters,
        Func<string, object, DbParameter> Parameter);

    private static readonly Sql Sqlite = new(
        Match: Match,
        Ranked: """
            SELECT rowid AS "Value" FROM "ShareBackSearch"
            WHERE "ShareBackSearch" MATCH @match AND rowid <> @exclude
            ORDER BY bm25("ShareBackSearch", 10.0, 6.0, 1.0, 1.0)
            LIMIT @take
            """,
        IdsIn: "SELECT value FROM json_each(@ids)",
        IdList: ids => JsonSerializer.Serialize(ids),
        Counts: _ => """
            SELECT CAST(t.key AS INTEGER) AS "Index", (SELECT count(*) FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL) AS "Total",
                   (SELECT count(*) FROM (SELECT 1 FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH t.value
                     LIMIT min(@budget, (SELECT count(*) / 2 FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL)) + 1)) AS "Docs"
            FROM json_each(@terms) t
            """,
        TermParameters: terms => [new SqliteParameter("@terms", JsonSerializer.Serialize(terms.Select(SearchQuery.Quote)))],
        Parameter: (name, value) => new SqliteParameter(name, value));

    /// <summary>ts_rank's weights go D, C, B, A: body and team 0.1, tags 0.6, title 1.0, as bm25's above.</summary>
    private static readonly Sql PostgreSql = new(
        Match: terms => terms.Count == 0 ? null : string.Join(" | ", terms.Select(SearchQuery.TsQuote)),
        Ranked: """
            SELECT "Id" AS "Value" FROM "ShareBackSearch"
            WHERE "Document" @@ to_tsquery('playday_english', @match) AND "Id" <> @exclude
            ORDER BY ts_rank(ARRAY[0.1, 0.1, 0.6, 1.0]::real[], "Document", to_tsquery('playday_english', @match), 1) DESC, "Id" DESC
            LIMIT @take
            """,
        IdsIn: "SELECT unnest(@ids)",
        IdList: ids => ids.ToArray(),
        Counts: _ => """
            SELECT CAST(t.ordinality - 1 AS integer) AS "Index", (SELECT CAST(count(*) AS integer) FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL) AS "Total",
                   (SELECT CAST(count(*) AS integer) FROM (SELECT 1 FROM "ShareBackSearch" WHERE "Document" @@ to_tsquery('playday_english', t.term)
                     LIMIT least(@budget, (SELECT count(*) / 2 FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL)) + 1) c) AS "Docs"
            FROM unnest(@terms) WITH ORDINALITY AS t(term, ordinality)
            """,
        TermParameters: terms => [new NpgsqlParameter("@terms", terms.Select(SearchQuery.TsQuote).ToArray())],
        Parameter: (name, value) => new NpgsqlParameter(name, value));

    /// <summary>
    /// CONTAINSTABLE has no column weights: each column's rank is weighed as bm25's columns are above.
    /// Its condition cannot come from a column, so each term is counted in a statement of its own, all in one batch.
    /// </summary>
    private static readonly Sql SqlServer = new(
        Match: terms => terms.Count == 0 ? null : string.Join(" OR ", terms.Select(SearchQuery.ContainsTerm)),
        Ranked: """
            SELECT TOP (@take) k.[KEY] AS [Value]
            FROM CONTAINSTABLE([ShareBackSearch], *, @match) k
            LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Title], @match) byTitle ON byTitle.[KEY] = k.[KEY]
            LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Tags], @match) byTags ON byTags.[KEY] = k.[KEY]
            LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Team], @match) byTeam ON byTeam.[KEY] = k.[KEY]
            LEFT JOIN CONTAINSTABLE([ShareBackSearch], [Body], @match) byBody ON byBody.[KEY] = k.[KEY]
            WHERE k.[KEY] <> @exclude
            ORDER BY 10 * coalesce(byTitle.[RANK], 0) + 6 * coalesce(byTags.[RANK], 0) + coalesce(byTeam.[RANK], 0) + coalesce(byBody.[RANK], 0) DESC, k.[KEY] DESC
            """,
        IdsIn: "SELECT CAST([value] AS int) FROM OPENJSON(@ids)",
        IdList: ids => JsonSerializer.Serialize(ids),
        Counts: count => $"""
            DECLARE @total int = (SELECT count(*) FROM [ShareBacks] WHERE [DeletedAtUtc] IS NULL);
            DECLARE @limit int = (CASE WHEN @budget < @total / 2 THEN @budget ELSE @total / 2 END) + 1;
            {string.Join("\nUNION ALL\n", Enumerable.Range(0, count).Select(i =>
                $"SELECT {i} AS [Index], @total AS [Total], (SELECT count(*) FROM (SELECT TOP (@limit) 1 AS [Found] FROM CONTAINSTABLE([ShareBackSearch], *, @term{i})) c) AS [Docs]"))}
            """,
        TermParameters: terms => terms.Select((term, i) => new SqlParameter($"@term{i}", SearchQuery.ContainsTerm(term))),
        Parameter: (name, value) => new SqlParameter(name, value));
    /// <summary>"3 related share-backs", "1 related share-back", "No related share-backs yet".</summary>
    public static string Summary(int count) => count switch
    {
        0 => "No related share-backs yet",
        1 => "1 related share-back",
        _ => $"{count} related share-backs",
    };

    // Words that say nothing about what a team tries: English glue, and what every plan says ("we want to try AI to ...").
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "against", "all", "also", "and", "any", "are", "aren", "because", "been", "before", "being",
        "below", "between", "both", "but", "can", "cannot", "could", "did", "does", "doing", "don", "down", "during", "each", "either",
        "else", "etc", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "has", "have",
        "having", "her", "here", "hers", "him", "his", "how", "however", "into", "isn", "its", "itself", "just", "let", "like", "lot",
        "lots", "may", "maybe", "might", "more", "most", "much", "must", "need", "needs", "nor", "not", "now", "off", "once", "one",
        "only", "onto", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "per", "same", "see", "shall", "she",
        "should", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "thing", "things",
        "this", "those", "through", "too", "under", "until", "upon", "very", "via", "want", "wants", "was", "way", "ways", "well",
        "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
        "won", "would", "yet", "you", "your", "yours", "yourselves",
        "plan", "plans", "try", "trying", "tried", "use", "using", "used", "explore", "exploring", "team", "teams", "today", "able",
        "instead", "new", "make", "making", "lets", "ask", "asking",
    };
}
