using System.Text.RegularExpressions;

namespace PlayDay.Web.Search;

/// <summary>
/// What a person typed in the search box, read leniently: words, "quoted phrases", -exclusions
/// and tag:name filters. Anything else (unbalanced quotes, lone operators, FTS syntax) is read as
/// plain words, so no query can fail.
/// </summary>
public sealed partial record SearchQuery(IReadOnlyList<string> Words, IReadOnlyList<string> Phrases, IReadOnlyList<string> Excluded, IReadOnlyList<string> Tags)
{
    public static SearchQuery Parse(string? text)
    {
        var words = new List<string>();
        var phrases = new List<string>();
        var excluded = new List<string>();
        var tags = new List<string>();
        var input = (text ?? "").Trim();
        var i = 0;
        while (i < input.Length)
        {
            if (char.IsWhiteSpace(input[i]))
            {
                i++;
                continue;
            }
            var negated = input[i] == '-' && i + 1 < input.Length && !char.IsWhiteSpace(input[i + 1]);
            var start = negated ? i + 1 : i;
            if (input[start] == '"' && input.IndexOf('"', start + 1) is var close and > 0)
            {
                var phrase = string.Join(' ', WordsIn(input[(start + 1)..close]));
                if (phrase.Length > 0)
                {
                    (negated ? excluded : phrases).Add(phrase);
                }
                i = close + 1;
                continue;
            }
            var end = start;
            while (end < input.Length && !char.IsWhiteSpace(input[end]))
            {
                end++;
            }
            var token = input[start..end];
            if (!negated && token.StartsWith("tag:", StringComparison.OrdinalIgnoreCase) && token.Length > 4)
            {
                // A tag never holds a control character (and PostgreSQL refuses a NUL in any text).
                var tag = string.Concat(token[4..].Where(c => !char.IsControl(c))).ToLowerInvariant();
                if (tag.Length > 0)
                {
                    tags.Add(tag);
                }
            }
            else
            {
                (negated ? excluded : words).AddRange(WordsIn(token));
            }
            i = end;
        }
        return new SearchQuery(words, phrases, excluded, tags);
    }

    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0 && Excluded.Count == 0 && Tags.Count == 0;

    public bool HasTerms => Words.Count > 0 || Phrases.Count > 0;

    /// <summary>The FTS5 MATCH expression for the wanted terms: every word and phrase, each quoted so it is only ever text.</summary>
    public string? Match => HasTerms ? string.Join(' ', Words.Concat(Phrases).Select(Quote)) : null;

    /// <summary>The FTS5 MATCH expression for anything excluded.</summary>
    public string? ExcludedMatch => Excluded.Count > 0 ? string.Join(" OR ", Excluded.Select(Quote)) : null;

    /// <summary>
    /// The whole FTS5 MATCH expression: the wanted terms and each tag as a phrase in the tags column,
    /// less the excluded terms; null when nothing positive can be matched (no terms, no tag with a
    /// letter or digit). Tags as phrases narrow the search; whole-tag equality is checked on the row.
    /// </summary>
    public string? FullMatch(IEnumerable<string> tags)
    {
        var positive = Words.Concat(Phrases).Select(Quote)
            .Concat(tags.Select(t => string.Join(' ', WordsIn(t))).Where(t => t.Length > 0).Select(t => "tags : " + Quote(t)))
            .ToList();
        if (positive.Count == 0)
        {
            return null;
        }
        var all = string.Join(" AND ", positive);
        return ExcludedMatch is { } excluded ? $"({all}) NOT ({excluded})" : all;
    }

    /// <summary>
    /// PostgreSQL's counterpart of <see cref="FullMatch"/>, as to_tsquery text: words (stemmed by the
    /// search configuration), phrases as words in a row (&lt;-&gt;), each tag as a phrase in the tags
    /// (weight B), all of them (&amp;), none of the excluded (!); every word quoted so it is only ever text.
    /// </summary>
    public string? TsQuery(IEnumerable<string> tags)
    {
        var positive = Words.Concat(Phrases).Select(TsPhrase)
            .Concat(tags.Select(t => WordsIn(t).ToList()).Where(w => w.Count > 0).Select(w => "(" + string.Join(" <-> ", w.Select(word => TsQuote(word) + ":B")) + ")"))
            .ToList();
        if (positive.Count == 0)
        {
            return null;
        }
        var all = string.Join(" & ", positive);
        return ExcludedTsQuery is { } excluded ? $"({all}) & !({excluded})" : all;
    }

    /// <summary>The wanted words and phrases alone as to_tsquery text (what a snippet marks); null without any.</summary>
    public string? TermsTsQuery => HasTerms ? string.Join(" & ", Words.Concat(Phrases).Select(TsPhrase)) : null;

    /// <summary>Anything excluded, as to_tsquery text.</summary>
    public string? ExcludedTsQuery => Excluded.Count > 0 ? string.Join(" | ", Excluded.Select(TsPhrase)) : null;

    /// <summary>A word as a to_tsquery operand: quoted, so whatever it holds is text, never query syntax.</summary>
    public static string TsQuote(string word) =>
        "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string TsPhrase(string term) => term.Contains(' ', StringComparison.Ordinal)
        ? "(" + string.Join(" <-> ", term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TsQuote)) + ")"
        : TsQuote(term);

    /// <summary>
    /// SQL Server's counterpart of <see cref="FullMatch"/>, as a CONTAINS condition: each word with
    /// its inflected forms, each phrase as written, each tag's words as a phrase (CONTAINS cannot
    /// name a column inside the condition: the whole-tag check on the row does the rest), all of them
    /// (AND), none of the excluded (AND NOT).
    /// </summary>
    public string? ContainsCondition(IEnumerable<string> tags)
    {
        var positive = Words.Concat(Phrases).Select(ContainsTerm)
            .Concat(tags.Select(t => string.Join(' ', WordsIn(t))).Where(t => t.Length > 0).Select(ContainsQuote))
            .ToList();
        if (positive.Count == 0)
        {
            return null;
        }
        var all = string.Join(" AND ", positive);
        return ExcludedContains is { } excluded ? $"({all}) AND NOT ({excluded})" : all;
    }

    /// <summary>Any of the wanted words and phrases, as a CONTAINS condition: what each column's rank is asked for.</summary>
    public string? AnyContains => HasTerms ? string.Join(" OR ", Words.Concat(Phrases).Select(ContainsTerm)) : null;

    /// <summary>Anything excluded, as a CONTAINS condition.</summary>
    public string? ExcludedContains => Excluded.Count > 0 ? string.Join(" OR ", Excluded.Select(ContainsTerm)) : null;

    /// <summary>A word with its inflected forms ("prompting" finds "prompt"), a phrase as written.</summary>
    public static string ContainsTerm(string term) =>
        term.Contains(' ', StringComparison.Ordinal) ? ContainsQuote(term) : $"FORMSOF(INFLECTIONAL, {ContainsQuote(term)})";

    /// <summary>A term as a CONTAINS string: whatever it holds is text, never query syntax.</summary>
    public static string ContainsQuote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The query again without its tag filters and exclusions, for "try without filters".</summary>
    public string WithoutFilters => string.Join(' ', Words.Concat(Phrases.Select(p => $"\"{p}\"")));

    /// <summary>A term as an FTS5 string: whatever it holds is text, never query syntax.</summary>
    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static IEnumerable<string> WordsIn(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
