namespace PlayDay.Web.Archive;

/// <summary>
/// A line diff to show what an edit changed in a share-back. The common start and end are trimmed,
/// lines are compared by interned number, and the middle is diffed exactly (Myers' O(ND) algorithm)
/// while that stays within <see cref="MaxWork"/> steps; past that, the middle is shown as removed
/// then added. Either way, applying the result to <c>before</c> gives <c>after</c>.
/// </summary>
public static class LineDiff
{
    /// <summary>What happened to a line; its lower-case name is the line's CSS class (diff-removed).</summary>
    public enum Change
    {
        Same,
        Removed,
        Added,
    }

    /// <summary>
    /// The most steps (diagonals visited plus lines followed) an exact diff may take, which also
    /// bounds the ints it keeps for the way back: about 8 MB. Enough for ~2,000 changed lines.
    /// </summary>
    public const int MaxWork = 2_000_000;

    public sealed record Line(Change Kind, string Text);

    public static List<Line> Compare(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var (x, y) = Numbered(a, b);

        var prefix = 0;
        while (prefix < x.Length && prefix < y.Length && x[prefix] == y[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < x.Length - prefix && suffix < y.Length - prefix && x[^(suffix + 1)] == y[^(suffix + 1)])
        {
            suffix++;
        }

        var lines = new List<Line>(Math.Max(a.Length, b.Length) + 8);
        for (var i = 0; i < prefix; i++)
        {
            lines.Add(new Line(Change.Same, a[i]));
        }
        var (aEnd, bEnd) = (a.Length - suffix, b.Length - suffix);
        if (!Myers(x, prefix, aEnd, y, prefix, bEnd, a, b, lines))
        {
            for (var i = prefix; i < aEnd; i++)
            {
                lines.Add(new Line(Change.Removed, a[i]));
            }
            for (var j = prefix; j < bEnd; j++)
            {
                lines.Add(new Line(Change.Added, b[j]));
            }
        }
        for (var i = aEnd; i < a.Length; i++)
        {
            lines.Add(new Line(Change.Same, a[i]));
        }
        return lines;
    }

    /// <summary>Each distinct line gets a number, so comparing lines is comparing ints.</summary>
    private static (int[] X, int[] Y) Numbered(string[] a, string[] b)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Number(string[] lines)
        {
            var result = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                if (!numbers.TryGetValue(lines[i], out var n))
                {
                    n = numbers.Count;
                    numbers.Add(lines[i], n);
                }
                result[i] = n;
            }
            return result;
        }
        return (Number(a), Number(b));
    }

    /// <summary>
    /// Appends a shortest edit script of x[aStart..aEnd) into y[bStart..bEnd) to <paramref name="lines"/>,
    /// or returns false (appending nothing) when it would take more than <see cref="MaxWork"/> steps.
    /// </summary>
    private static bool Myers(int[] x, int aStart, int aEnd, int[] y, int bStart, int bEnd, string[] a, string[] b, List<Line> lines)
    {
        int n = aEnd - aStart, m = bEnd - bStart;
        if (n == 0 || m == 0)
        {
            return false; // all removed, or all added: the caller's fallback is exact here
        }
        var max = n + m;
        // furthest[k + max] = the furthest x (relative to aStart) reached on diagonal k = x - y.
        var furthest = new int[2 * max + 2];
        // For the way back: after round d, the furthest x of diagonals -d, -d+2, ..., d.
        var rounds = new List<int[]>();
        long work = 0;
        for (var d = 0; d <= max; d++)
        {
            var round = new int[d + 1];
            for (var k = -d; k <= d; k += 2)
            {
                var down = k == -d || (k != d && furthest[k - 1 + max] < furthest[k + 1 + max]);
                var i = down ? furthest[k + 1 + max] : furthest[k - 1 + max] + 1;
                var j = i - k;
                var snakeStart = i;
                while (i < n && j < m && x[aStart + i] == y[bStart + j])
                {
                    i++;
                    j++;
                }
                work += 1 + i - snakeStart;
                if (work > MaxWork)
                {
                    return false;
                }
                furthest[k + max] = i;
                round[(k + d) / 2] = i;
                if (i >= n && j >= m)
                {
                    rounds.Add(round);
                    Trace(rounds, n, m, aStart, bStart, a, b, lines);
                    return true;
                }
            }
            rounds.Add(round);
        }
        return false; // not reached: round n + m always ends at (n, m)
    }

    /// <summary>Walks the rounds back from (n, m) to (0, 0), then appends the script front to back.</summary>
    private static void Trace(List<int[]> rounds, int n, int m, int aStart, int bStart, string[] a, string[] b, List<Line> lines)
    {
        var script = new List<Line>(n + m);
        int i = n, j = m;
        for (var d = rounds.Count - 1; d > 0; d--)
        {
            var k = i - j;
            var previous = rounds[d - 1];
            int At(int diagonal) => previous[(diagonal + d - 1) / 2];
            var down = k == -d || (k != d && At(k - 1) < At(k + 1));
            var fromK = down ? k + 1 : k - 1;
            var fromI = At(fromK);
            var (stepI, stepJ) = down ? (fromI, fromI - fromK + 1) : (fromI + 1, fromI - fromK);
            while (i > stepI && j > stepJ)
            {
                script.Add(new Line(Change.Same, a[aStart + --i]));
                j--;
            }
            script.Add(down ? new Line(Change.Added, b[bStart + --j]) : new Line(Change.Removed, a[aStart + --i]));
        }
        while (i > 0 && j > 0)
        {
            script.Add(new Line(Change.Same, a[aStart + --i]));
            j--;
        }
        script.Reverse();
        lines.AddRange(script);
    }
}
