namespace PlayDay.Web.Archive;

/// <summary>A line diff (longest common subsequence) to show what an edit changed in a share-back.</summary>
public static class LineDiff
{
    public sealed record Line(string Kind, string Text);

    public static List<Line> Compare(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var lines = new List<Line>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new Line("same", a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                lines.Add(new Line("added", b[y++]));
            }
            else
            {
                lines.Add(new Line("removed", a[x++]));
            }
        }
        return lines;
    }
}
