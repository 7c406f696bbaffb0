using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Search;

/// <summary>
/// "Has someone tried this already?": the past share-backs closest to what a team is typing (its
/// plan, a title and tools), from search's FTS5 index. The text is read with <see cref="SearchQuery"/>,
/// cut to its meaningful words (no stop words, none shorter than three characters, no bare numbers)
/// and asked for as any of them, so a long plan still finds the share-back that shares a few of its
/// words. Words in half or more of the share-backs are left out first (bm25 gives them no weight, but
/// scoring them would touch nearly every row), and the commonest of the rest while their rows exceed
/// a budget; bm25 ranks in SQLite and only the top few rows are loaded.
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
        var terms = Terms(text);
        if (terms.Count > 1)
        {
            terms = await TellingAsync(terms, cancellationToken);
        }
        if (Match(terms) is not { } match)
        {
            return [];
        }
        // Title and tools weigh most, as in search; the team's name weighs as little as the body.
        var ids = await db.Database.SqlQueryRaw<int>(
            """
            SELECT rowid AS "Value" FROM "ShareBackSearch"
            WHERE "ShareBackSearch" MATCH @match AND rowid <> @exclude
            ORDER BY bm25("ShareBackSearch", 10.0, 6.0, 1.0, 1.0)
            LIMIT @take
            """,
            new SqliteParameter("@match", match), new SqliteParameter("@exclude", exclude ?? 0), new SqliteParameter("@take", Take))
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Database.SqlQueryRaw<Row>(
            """
            SELECT s."Id", s."Title", s."Outcome", s."MinutesPerWeekBefore", s."MinutesPerWeekAfter", s."PeopleDoingTask", s."PeopleUsingNewWay",
                   t."Name" AS "Team", p."Date"
            FROM "ShareBacks" s JOIN "Teams" t ON t."Id" = s."TeamId" JOIN "PlayDays" p ON p."Id" = s."PlayDayId"
            WHERE s."Id" IN (SELECT value FROM json_each(@ids)) AND s."DeletedAtUtc" IS NULL
            """, new SqliteParameter("@ids", JsonSerializer.Serialize(ids)))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new Item(
            r.Id, r.Title, r.Outcome,
            new Figures(r.MinutesPerWeekBefore, r.MinutesPerWeekAfter, r.PeopleDoingTask, r.PeopleUsingNewWay, null).Summary(),
            r.Team, Quarter.Of(r.Date))).ToList();
    }

    private sealed record Frequency(int Index, int Docs, int Total);

    /// <summary>
    /// The telling terms: those in fewer than half of the share-backs, rarest first while the rows they
    /// are in fit <see cref="RowBudget"/>. bm25 gives a term in half or more of them no weight at all
    /// (its IDF is clamped to almost zero), yet each such term makes SQLite score nearly every row, so
    /// leaving them out keeps the order; past the budget, the commonest words weigh least and are the
    /// ones left out. Each count stops at the budget or half, whichever is lower. When no term is
    /// telling, the rarest two that occur at all are kept, so one common word still finds something.
    /// </summary>
    private async Task<IReadOnlyList<string>> TellingAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var quoted = terms.Select(SearchQuery.Quote).ToList();
        var counts = await db.Database.SqlQueryRaw<Frequency>(
            """
            SELECT CAST(t.key AS INTEGER) AS "Index", (SELECT count(*) FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL) AS "Total",
                   (SELECT count(*) FROM (SELECT 1 FROM "ShareBackSearch" WHERE "ShareBackSearch" MATCH t.value
                     LIMIT min(@budget, (SELECT count(*) / 2 FROM "ShareBacks" WHERE "DeletedAtUtc" IS NULL)) + 1)) AS "Docs"
            FROM json_each(@terms) t
            """, new SqliteParameter("@terms", JsonSerializer.Serialize(quoted)), new SqliteParameter("@budget", RowBudget))
            .ToListAsync(cancellationToken);
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
