using PlayDay.Web.Archive;

namespace PlayDay.Web.Tests.Archive;

public sealed class LineDiffTests
{
    private static string Render(IEnumerable<LineDiff.Line> lines) =>
        string.Join("|", lines.Select(l => (l.Kind switch { LineDiff.Change.Removed => "-", LineDiff.Change.Added => "+", _ => " " }) + l.Text));

    /// <summary>What the diff says the texts were: same and removed lines make the before, same and added the after.</summary>
    private static void AssertReconstructs(string before, string after, List<LineDiff.Line> lines)
    {
        Assert.Equal(before, string.Join('\n', lines.Where(l => l.Kind != LineDiff.Change.Added).Select(l => l.Text)));
        Assert.Equal(after, string.Join('\n', lines.Where(l => l.Kind != LineDiff.Change.Removed).Select(l => l.Text)));
        Assert.All(lines, l => Assert.Contains(l.Kind, new[] { LineDiff.Change.Same, LineDiff.Change.Removed, LineDiff.Change.Added }));
    }

    /// <summary>The longest common subsequence by the textbook table, for small inputs only.</summary>
    private static int LongestCommon(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }
        return table[0, 0];
    }

    private static string Lines(int count, Func<int, string> line) => string.Join('\n', Enumerable.Range(0, count).Select(line));

    [Theory]
    [InlineData("a\nb\nc", "a\nx\nc", " a|-b|+x| c")]
    [InlineData("a\nb\nc", "a\nb\nc", " a| b| c")]
    [InlineData("", "new", "-|+new")]
    [InlineData("a\nb", "a\nb\nc", " a| b|+c")]
    [InlineData("a\nb\nc", "b\nc", "-a| b| c")]
    [InlineData("line one\nline two", "line one\nline 2", " line one|-line two|+line 2")]
    [InlineData("a\nb\nc\nd", "a\nc\nd\ne", " a|-b| c| d|+e")]
    public void Small_edits_give_the_exact_diff(string before, string after, string expected)
    {
        var lines = LineDiff.Compare(before, after);

        Assert.Equal(expected, Render(lines));
        AssertReconstructs(before, after, lines);
    }

    [Fact]
    public void Random_small_edits_keep_a_longest_common_subsequence_and_reconstruct_both_texts()
    {
        var random = new Random(8);
        for (var round = 0; round < 500; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToArray();
            var (before, after) = (string.Join('\n', a), string.Join('\n', b));

            var lines = LineDiff.Compare(before, after);

            AssertReconstructs(before, after, lines);
            Assert.Equal(LongestCommon(before.Split('\n'), after.Split('\n')), lines.Count(l => l.Kind == LineDiff.Change.Same));
        }
    }

    [Fact]
    public void One_changed_line_in_the_middle_of_20000_lines_is_found_exactly()
    {
        var before = Lines(20_000, i => $"line {i}");
        var after = before.Replace("\nline 10000\n", "\nline ten thousand\n", StringComparison.Ordinal);

        var lines = LineDiff.Compare(before, after);

        AssertReconstructs(before, after, lines);
        Assert.Equal(20_001, lines.Count);
        Assert.Equal([new LineDiff.Line(LineDiff.Change.Removed, "line 10000"), new LineDiff.Line(LineDiff.Change.Added, "line ten thousand")],
            lines.Where(l => l.Kind != LineDiff.Change.Same));
    }

    [Fact]
    public void Scattered_edits_through_20000_lines_are_still_exact_within_the_budget()
    {
        var before = Lines(20_000, i => $"line {i}");
        var after = Lines(20_000, i => i % 100 == 50 ? $"changed {i}" : $"line {i}");

        var lines = LineDiff.Compare(before, after);

        AssertReconstructs(before, after, lines);
        Assert.Equal(200, lines.Count(l => l.Kind == LineDiff.Change.Removed));
        Assert.Equal(200, lines.Count(l => l.Kind == LineDiff.Change.Added));
    }

    [Fact]
    public void Two_entirely_different_texts_of_20000_lines_diff_as_a_removed_block_then_an_added_block_in_little_memory()
    {
        var before = Lines(20_000, i => $"before {i}");
        var after = Lines(20_000, i => $"after {i}");
        LineDiff.Compare("warm", "up");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var lines = LineDiff.Compare(before, after);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        AssertReconstructs(before, after, lines);
        Assert.Equal(40_000, lines.Count);
        Assert.All(lines.Take(20_000), l => Assert.Equal(LineDiff.Change.Removed, l.Kind));
        Assert.All(lines.Skip(20_000), l => Assert.Equal(LineDiff.Change.Added, l.Kind));
        // A full table would be 20,001 × 20,001 ints (1.6 GB); the budget keeps it to a few MB.
        Assert.True(allocated < 64L * 1024 * 1024, $"The diff allocated {allocated / 1024 / 1024} MB.");
    }

    [Fact]
    public void Many_edits_past_the_budget_keep_the_common_start_and_end_and_still_reconstruct()
    {
        var before = Lines(20_000, i => $"line {i}");
        var after = Lines(20_000, i => i is >= 100 and < 19_900 && i % 3 == 0 ? $"changed {i}" : $"line {i}");

        var lines = LineDiff.Compare(before, after);

        AssertReconstructs(before, after, lines);
        Assert.All(lines.Take(100), l => Assert.Equal(LineDiff.Change.Same, l.Kind));
        Assert.All(lines.TakeLast(100), l => Assert.Equal(LineDiff.Change.Same, l.Kind));
    }
}
