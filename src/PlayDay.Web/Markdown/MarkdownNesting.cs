using System.Text;

namespace PlayDay.Web.Markdown;

/// <summary>
/// Caps how deeply Markdown nests before Markdig parses it: markers beyond a limit are escaped with
/// a backslash, so they show as typed, and a document within the limits comes back unchanged.
/// </summary>
/// <remarks>
/// Markdig 1.6.0 throws "too deeply nested" (measured; see MarkdownRendererTests) when block
/// containers nest deeper than 128 (about 127 <c>&gt;</c>, or 63 list levels: a list item is two
/// blocks), when rendering nests blocks and inlines deeper than 128 (<c>[[[…</c>, <c>***…a***…</c>),
/// and when one paragraph holds more than 10,240 emphasis delimiters, nested or not (<c>*a* </c>
/// repeated, <c>*_*_…</c>); it slows down quadratically well before that. It checks its own depth
/// instead of overflowing the stack, so what gets past this pass still fails as an exception.
/// The pass reads lines the way CommonMark does, closely enough to bound what Markdig builds: block
/// quotes and list items at the start of a line (indentation implies list levels: each takes at least
/// two columns), fenced code (left alone), code spans, backslash escapes, emphasis runs with their
/// flanking rules, and link brackets.
/// </remarks>
public static class MarkdownNesting
{
    /// <summary>Block quotes and list levels together, emphasis, and link brackets: each nests at most this deep.</summary>
    public const int MaxDepth = 16;

    /// <summary>Emphasis delimiter runs, and link destinations ("](") in one paragraph; the rest are escaped.</summary>
    public const int MaxDelimiterRunsPerParagraph = 1_000;

    /// <param name="markdown">The text.</param>
    /// <param name="leaveCodeAlone">False reads fenced code and code spans as text too: for a second try
    /// when Markdig saw code differently (a fence's list item ended sooner than this pass thought), at the
    /// cost of backslashes showing in code that nests beyond the limits.</param>
    public static string Limit(string markdown, bool leaveCodeAlone = true)
    {
        var limiter = new Limiter(markdown, leaveCodeAlone);
        limiter.Run();
        return limiter.Changed ? limiter.Output.ToString() : markdown;
    }

    private sealed class Limiter(string text, bool leaveCodeAlone)
    {
        private readonly string _s = text;
        private readonly List<Run> _openers = [];
        private int _openerDepth;
        private int _brackets;
        private int _runs;
        private int _destinations;
        private Fence? _fence;
        private readonly HashSet<int> _unclosedCodeRuns = [];
        private int _inlineStart;
        private int _listContentCol = -1;
        private int _breakStart;
        private char _breakChar;

        public StringBuilder Output { get; } = new(text.Length + 64);

        public bool Changed { get; private set; }

        public void Run()
        {
            var start = 0;
            while (start < _s.Length)
            {
                var end = _s.IndexOfAny(['\r', '\n'], start);
                if (end < 0)
                {
                    end = _s.Length;
                }
                Line(start, end);
                var next = end;
                if (next < _s.Length && _s[next] == '\r')
                {
                    next++;
                }
                if (next < _s.Length && _s[next] == '\n' && (next == end || _s[next - 1] == '\r'))
                {
                    next++;
                }
                Output.Append(_s, end, next - end);
                start = next;
            }
        }

        private void Line(int start, int end)
        {
            if (_fence is { } fence)
            {
                switch (FenceLine(fence, start, end))
                {
                    case FenceState.Inside:
                        Output.Append(_s, start, end - start);
                        return;
                    case FenceState.Closed:
                        Output.Append(_s, start, end - start);
                        _fence = null;
                        NewParagraph();
                        return;
                    default:
                        _fence = null;
                        NewParagraph();
                        break;
                }
            }

            _unclosedCodeRuns.Clear();
            FindThematicBreakSuffix(start, end);

            // The container prefix: block quote markers, list markers and indentation. "levels" is an
            // upper bound of the quotes and list items the next marker would sit in.
            var pos = start;
            var col = 0;
            var quotes = 0;
            var baseLevels = 0;
            var baseCol = 0;
            var listMarker = false;
            while (true)
            {
                while (pos < end && _s[pos] is ' ' or '\t')
                {
                    col = _s[pos] == '\t' ? col + 4 - col % 4 : col + 1;
                    Output.Append(_s[pos++]);
                }
                if (pos >= end)
                {
                    break;
                }
                var levels = baseLevels + Math.Max(0, col - baseCol) / 2;
                if (_s[pos] == '>')
                {
                    if (levels + 1 > MaxDepth)
                    {
                        Escape(_s[pos++]);
                        break;
                    }
                    Output.Append(_s[pos++]);
                    col++;
                    if (pos < end && _s[pos] == ' ')
                    {
                        Output.Append(_s[pos++]);
                        col++;
                    }
                    quotes++;
                    baseLevels = levels + 1;
                    baseCol = col;
                    continue;
                }
                if (IsThematicBreak(pos, end))
                {
                    break;
                }
                var delimiter = ListMarkerDelimiter(pos, end);
                if (delimiter < 0)
                {
                    break;
                }
                Output.Append(_s, pos, delimiter - pos);
                if (levels + 1 > MaxDepth)
                {
                    Escape(_s[delimiter]);
                    pos = delimiter + 1;
                    break;
                }
                Output.Append(_s[delimiter]);
                col += delimiter + 1 - pos;
                pos = delimiter + 1;
                listMarker = true;
                _listContentCol = Math.Max(0, col - baseCol) + 1;
            }

            if (pos >= end)
            {
                NewParagraph();
                return;
            }
            var indent = Math.Max(0, col - baseCol);
            if (!listMarker && indent == 0)
            {
                _listContentCol = -1;
            }
            if (leaveCodeAlone && FenceOpening(pos, end) is { } opening)
            {
                // Code lines must keep the indentation of the list item the fence is in, if it is in one.
                var itemIndent = listMarker ? indent : _listContentCol > 0 && _listContentCol <= indent ? _listContentCol : 0;
                _fence = opening with { Quotes = quotes, Indent = itemIndent };
                Output.Append(_s, pos, end - pos);
                NewParagraph();
                return;
            }
            var heading = IsAtxHeading(pos, end);
            if (listMarker || heading)
            {
                // A new list item or a heading starts a new leaf block: Markdig counts its delimiters afresh.
                _runs = 0;
                _destinations = 0;
            }
            Inlines(pos, end);
            if (heading)
            {
                NewParagraph();
            }
        }

        private void NewParagraph()
        {
            _openers.Clear();
            _openerDepth = 0;
            _brackets = 0;
            _runs = 0;
            _destinations = 0;
        }

        private void Inlines(int pos, int end)
        {
            _inlineStart = pos;
            while (pos < end)
            {
                var c = _s[pos];
                switch (c)
                {
                    case '\\' when pos + 1 < end && IsAsciiPunctuation(_s[pos + 1]):
                        Output.Append(_s, pos, 2);
                        pos += 2;
                        break;
                    case '`' when leaveCodeAlone:
                        pos = CodeSpan(pos, end);
                        break;
                    case '[':
                        if (_brackets >= MaxDepth)
                        {
                            Escape(c);
                        }
                        else
                        {
                            _brackets++;
                            Output.Append(c);
                        }
                        pos++;
                        break;
                    case ']':
                        _brackets = Math.Max(0, _brackets - 1);
                        Output.Append(c);
                        pos++;
                        break;
                    // Markdig reads a link destination to its end before giving up, so each unclosed "](" costs a
                    // pass over the rest of the paragraph.
                    case '(' when pos > _inlineStart && _s[pos - 1] == ']' && ++_destinations > MaxDelimiterRunsPerParagraph:
                        Escape(c);
                        pos++;
                        break;
                    case '*' or '_' or '~' or '^' or '+' or '=':
                        pos = Emphasis(pos, end);
                        break;
                    default:
                        Output.Append(c);
                        pos++;
                        break;
                }
            }
        }

        /// <summary>Copies a code span whole (its content is literal); a backtick run without a closer on this line is plain text.</summary>
        private int CodeSpan(int pos, int end)
        {
            var runEnd = RunEnd(pos, end);
            var length = runEnd - pos;
            for (var i = _unclosedCodeRuns.Contains(length) ? end : runEnd; i < end;)
            {
                if (_s[i] != '`')
                {
                    i++;
                    continue;
                }
                var closeEnd = RunEnd(i, end);
                if (closeEnd - i == length)
                {
                    Output.Append(_s, pos, closeEnd - pos);
                    return closeEnd;
                }
                i = closeEnd;
            }
            // Positions only move forward, so a run of this length has no closer later on this line either.
            _unclosedCodeRuns.Add(length);
            Output.Append(_s, pos, length);
            return runEnd;
        }

        private int Emphasis(int pos, int end)
        {
            var c = _s[pos];
            var runEnd = RunEnd(pos, end);
            var length = runEnd - pos;
            if (c is '+' or '=' && length < 2)
            {
                Output.Append(_s, pos, length);
                return runEnd;
            }
            var before = pos == _inlineStart ? ' ' : _s[pos - 1];
            var after = runEnd < end ? _s[runEnd] : ' ';
            var left = !char.IsWhiteSpace(after) && (!IsPunctuation(after) || char.IsWhiteSpace(before) || IsPunctuation(before));
            var right = !char.IsWhiteSpace(before) && (!IsPunctuation(before) || char.IsWhiteSpace(after) || IsPunctuation(after));
            if (!left && !right)
            {
                Output.Append(_s, pos, length);
                return runEnd;
            }
            var canOpen = c == '_' ? left && (!right || IsPunctuation(before)) : left;
            var canClose = c == '_' ? right && (!left || IsPunctuation(after)) : right;

            if (++_runs > MaxDelimiterRunsPerParagraph)
            {
                EscapeRun(pos, runEnd);
                return runEnd;
            }
            var remaining = canClose ? Close(c, length, canOpen) : length;
            if (remaining > 0 && canOpen)
            {
                if (_openerDepth + remaining > MaxDepth)
                {
                    EscapeRun(pos, runEnd);
                    return runEnd;
                }
                _openers.Add(new Run(c, remaining, length, canClose));
                _openerDepth += remaining;
            }
            Output.Append(_s, pos, length);
            return runEnd;
        }

        /// <summary>Matches a closing run against open runs as CommonMark does; returns what is left of it.</summary>
        private int Close(char c, int length, bool closerCanOpen)
        {
            var remaining = length;
            while (remaining > 0)
            {
                var match = -1;
                for (var i = _openers.Count - 1; i >= 0; i--)
                {
                    var opener = _openers[i];
                    var oddMatch = (closerCanOpen || opener.CanClose) && (opener.Original + length) % 3 == 0
                        && !(opener.Original % 3 == 0 && length % 3 == 0);
                    if (opener.Char == c && !oddMatch)
                    {
                        match = i;
                        break;
                    }
                }
                if (match < 0)
                {
                    return remaining;
                }
                var used = remaining >= 2 && _openers[match].Length >= 2 ? 2 : 1;
                remaining -= used;
                _openerDepth -= used;
                // Openers between the pair can no longer close anything.
                for (var i = _openers.Count - 1; i > match; i--)
                {
                    _openerDepth -= _openers[i].Length;
                    _openers.RemoveAt(i);
                }
                var left = _openers[match] with { Length = _openers[match].Length - used };
                if (left.Length == 0)
                {
                    _openers.RemoveAt(match);
                }
                else
                {
                    _openers[match] = left;
                }
            }
            return 0;
        }

        private FenceState FenceLine(Fence fence, int start, int end)
        {
            var pos = start;
            var col = 0;
            var baseCol = 0;
            var quotes = 0;
            while (true)
            {
                while (pos < end && _s[pos] is ' ' or '\t')
                {
                    col = _s[pos] == '\t' ? col + 4 - col % 4 : col + 1;
                    pos++;
                }
                if (quotes < fence.Quotes && pos < end && _s[pos] == '>')
                {
                    pos++;
                    col++;
                    if (pos < end && _s[pos] == ' ')
                    {
                        pos++;
                        col++;
                    }
                    quotes++;
                    baseCol = col;
                    continue;
                }
                break;
            }
            if (quotes < fence.Quotes)
            {
                return FenceState.Ended;
            }
            if (pos >= end)
            {
                return FenceState.Inside;
            }
            if (col - baseCol < fence.Indent)
            {
                return FenceState.Ended;
            }
            var runEnd = RunEnd(pos, end);
            if (_s[pos] == fence.Char && runEnd - pos >= fence.Length && _s.AsSpan(runEnd, end - runEnd).IsWhiteSpace())
            {
                return FenceState.Closed;
            }
            return FenceState.Inside;
        }

        private Fence? FenceOpening(int pos, int end)
        {
            var c = _s[pos];
            if (c is not ('`' or '~'))
            {
                return null;
            }
            var runEnd = RunEnd(pos, end);
            if (runEnd - pos < 3 || (c == '`' && _s.AsSpan(runEnd, end - runEnd).Contains('`')))
            {
                return null;
            }
            return new Fence(c, runEnd - pos, 0, 0);
        }

        /// <summary>Where the line's tail of one of -, * or _ (with spaces) begins: a thematic break can only start there.</summary>
        private void FindThematicBreakSuffix(int start, int end)
        {
            _breakStart = end;
            _breakChar = '\0';
            for (var i = end - 1; i >= start; i--)
            {
                var c = _s[i];
                if (c is ' ' or '\t')
                {
                    continue;
                }
                if (c is not ('-' or '*' or '_') || (_breakChar != '\0' && c != _breakChar))
                {
                    break;
                }
                _breakChar = c;
                _breakStart = i;
            }
        }

        private bool IsThematicBreak(int pos, int end)
        {
            if (pos < _breakStart || _s[pos] != _breakChar)
            {
                return false;
            }
            var count = 0;
            for (var i = pos; i < end && count < 3; i++)
            {
                if (_s[i] == _breakChar)
                {
                    count++;
                }
            }
            return count >= 3;
        }

        /// <summary>The index of a list marker's last character ("-", "+", "*", or the "." or ")" after 1–9 digits), or -1.</summary>
        private int ListMarkerDelimiter(int pos, int end)
        {
            int delimiter;
            if (_s[pos] is '-' or '+' or '*')
            {
                delimiter = pos;
            }
            else
            {
                var digitsEnd = pos;
                while (digitsEnd < end && digitsEnd - pos < 10 && char.IsAsciiDigit(_s[digitsEnd]))
                {
                    digitsEnd++;
                }
                if (digitsEnd == pos || digitsEnd - pos > 9 || digitsEnd >= end || _s[digitsEnd] is not ('.' or ')'))
                {
                    return -1;
                }
                delimiter = digitsEnd;
            }
            return delimiter + 1 >= end || _s[delimiter + 1] is ' ' or '\t' ? delimiter : -1;
        }

        private bool IsAtxHeading(int pos, int end)
        {
            var runEnd = RunEnd(pos, end);
            return _s[pos] == '#' && runEnd - pos <= 6 && (runEnd >= end || _s[runEnd] is ' ' or '\t');
        }

        private int RunEnd(int pos, int end)
        {
            var i = pos;
            while (i < end && _s[i] == _s[pos])
            {
                i++;
            }
            return i;
        }

        private void Escape(char c)
        {
            Output.Append('\\').Append(c);
            Changed = true;
        }

        private void EscapeRun(int pos, int runEnd)
        {
            for (var i = pos; i < runEnd; i++)
            {
                Escape(_s[i]);
            }
        }

        private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

        private static bool IsAsciiPunctuation(char c) => c is > ' ' and < '\x7f' && !char.IsAsciiLetterOrDigit(c);
    }

    private readonly record struct Run(char Char, int Length, int Original, bool CanClose);

    private sealed record Fence(char Char, int Length, int Quotes, int Indent);

    private enum FenceState
    {
        Inside,
        Closed,
        Ended,
    }
}
