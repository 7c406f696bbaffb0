using System.Text;
using System.Text.RegularExpressions;

namespace PlayDay.Web.Search;

/// <summary>
/// A search result's excerpt where the database marks matches in a whole text but does not choose a
/// fragment the way FTS5's snippet does (PostgreSQL's ts_headline), or marks nothing at all (SQL
/// Server). Matches are marked with <see cref="MarkStart"/> and <see cref="MarkEnd"/>, as FTS5 marks them.
/// </summary>
public static partial class Excerpt
{
    public const char MarkStart = '\u0001';
    public const char MarkEnd = '\u0002';

    /// <summary>Words in an excerpt, as FTS5's snippet is asked for.</summary>
    public const int Words = 18;

    /// <summary>
    /// The <see cref="Words"/> words of <paramref name="marked"/> that show its matches best, with "…"
    /// where the text goes on. Chosen as FTS5 chooses: each different word matched counts far more
    /// than a repeat, and a fragment that starts a sentence (the text's start most) is preferred;
    /// without a match, the text's start.
    /// </summary>
    public static string Cut(string marked, int words = Words)
    {
        var tokens = WordPattern().Matches(marked).Select(m => new Token(m.Index, m.Index + m.Length, IsMarked(marked, m.Index), IsSentenceStart(marked, m.Index))).ToList();
        if (tokens.Count == 0)
        {
            return marked.Trim();
        }
        var bestStart = 0;
        var bestScore = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].Marked)
            {
                continue;
            }
            // The window from this match, moved back to centre the matches it holds.
            var (score, first, last) = Score(marked, tokens, i, words);
            var centred = Math.Max(0, Math.Min(first - (words - (last - first + 1)) / 2, tokens.Count - words));
            if (score > bestScore)
            {
                (bestStart, bestScore) = (centred, score);
            }
            // The window from the sentence this match is in.
            var sentence = i;
            while (sentence > 0 && !tokens[sentence].SentenceStart)
            {
                sentence--;
            }
            if (sentence < i)
            {
                var (sentenceScore, _, _) = Score(marked, tokens, sentence, words);
                sentenceScore += sentence == 0 ? 120 : 100;
                if (sentenceScore > bestScore)
                {
                    (bestStart, bestScore) = (sentence, sentenceScore);
                }
            }
        }
        var end = Math.Min(tokens.Count, bestStart + words) - 1;
        var from = tokens[bestStart].Marked ? tokens[bestStart].Start - 1 : tokens[bestStart].Start;
        var to = tokens[end].End < marked.Length && marked[tokens[end].End] == MarkEnd ? tokens[end].End + 1 : tokens[end].End;
        if (end == tokens.Count - 1)
        {
            // The last word: what follows it (a full stop, a closing tag) belongs to the text.
            to = marked.Length;
        }
        var text = new StringBuilder();
        text.Append(bestStart > 0 ? "…" : "");
        // A mark that a database put around more than one word (a host name) and the cut splits is closed on both sides.
        if (Open(marked, from))
        {
            text.Append(MarkStart);
        }
        text.Append(marked, from, to - from);
        if (Open(marked, to))
        {
            text.Append(MarkEnd);
        }
        text.Append(end < tokens.Count - 1 ? "…" : "");
        return text.ToString().Trim();
    }

    /// <summary>
    /// <paramref name="text"/> with every word marked that is one of <paramref name="terms"/> or an
    /// inflection of one (prompt, prompts, prompting; classify, classified): for a database that finds
    /// the words but says nothing of where they are.
    /// </summary>
    public static string Mark(string text, IEnumerable<string> terms)
    {
        var wanted = terms.SelectMany(t => WordPattern().Matches(t).Select(m => m.Value.ToLowerInvariant())).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return text;
        }
        return WordPattern().Replace(text, m => wanted.Any(w => SameWord(m.Value.ToLowerInvariant(), w)) ? MarkStart + m.Value + MarkEnd : m.Value);
    }

    private static readonly string[] Endings = ["", "s", "es", "ed", "d", "ing", "er", "ers", "y", "ies", "ied"];

    /// <summary>The same word, or both a stem of at least three letters with an English ending.</summary>
    private static bool SameWord(string word, string term)
    {
        if (word == term)
        {
            return true;
        }
        var common = 0;
        while (common < word.Length && common < term.Length && word[common] == term[common])
        {
            common++;
        }
        return common >= 3 && Endings.Contains(word[common..]) && Endings.Contains(term[common..]);
    }

    private sealed record Token(int Start, int End, bool Marked, bool SentenceStart);

    /// <summary>FTS5's score of the window from <paramref name="start"/>: a thousand for each word matched first, one for each repeat.</summary>
    private static (int Score, int First, int Last) Score(string marked, List<Token> tokens, int start, int words)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (score, first, last) = (0, -1, -1);
        for (var i = start; i < Math.Min(tokens.Count, start + words); i++)
        {
            if (tokens[i].Marked)
            {
                score += seen.Add(marked[tokens[i].Start..tokens[i].End]) ? 1000 : 1;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return (score, first, last);
    }

    private static bool IsMarked(string text, int start) => start > 0 && text[start - 1] == MarkStart;

    /// <summary>The first word, or one after a line break or after a full stop, colon, question or exclamation mark and a space.</summary>
    private static bool IsSentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && !char.IsLetterOrDigit(text[i]))
        {
            if (text[i] == '\n' || (text[i] is '.' or ':' or '!' or '?' && char.IsWhiteSpace(text[i + 1])))
            {
                return true;
            }
            i--;
        }
        return i < 0;
    }

    /// <summary>Whether <paramref name="position"/> lies inside a mark.</summary>
    private static bool Open(string text, int position)
    {
        var open = false;
        for (var i = 0; i < position; i++)
        {
            open = text[i] == MarkStart || (text[i] != MarkEnd && open);
        }
        return open;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
