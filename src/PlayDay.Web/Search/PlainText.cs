using System.Text.RegularExpressions;

namespace PlayDay.Web.Search;

/// <summary>
/// Markdown read as the text a person sees, for excerpts: headings, list and quote markers, table
/// pipes, emphasis and link syntax go; link text stays; raw HTML stays as text (the renderer shows it
/// as text too). Works on fragments, such as FTS5 snippets, whose marks it leaves alone.
/// </summary>
public static partial class PlainText
{
    public static string FromMarkdown(string markdown)
    {
        var text = markdown.Replace("\r", "", StringComparison.Ordinal);
        text = TableRule().Replace(text, " ");
        text = LineMarker().Replace(text, "");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = LinkTail().Replace(text, "");
        text = Emphasis().Replace(text, "");
        text = Underscores().Replace(text, "");
        text = text.Replace('|', ' ');
        return Spaces().Replace(text, " ").Trim();
    }

    /// <summary>The share-back template's headings (templates/shareback.md): every share-back has them, so they tell nothing.</summary>
    public static readonly string[] TemplateHeadings = ["What we tried", "What worked", "What broke or almost worked", "Before → after", "Try it yourself"];

    /// <summary>The Markdown without the lines that are only a template heading.</summary>
    public static string WithoutTemplateHeadings(string markdown) =>
        string.Join('\n', markdown.Split('\n').Where(line => !IsTemplateHeading(line)));

    private static bool IsTemplateHeading(string line)
    {
        var text = line.Trim().TrimStart('#').Trim();
        return line.TrimStart().StartsWith('#') && TemplateHeadings.Contains(text, StringComparer.OrdinalIgnoreCase);
    }

    // A table's separator row or a horizontal rule.
    [GeneratedRegex(@"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$|^[ \t]*([-*_][ \t]*){3,}$", RegexOptions.Multiline)]
    private static partial Regex TableRule();

    // Heading hashes, quote markers, list bullets and numbers at the start of a line.
    [GeneratedRegex(@"^[ \t]*(#{1,6}[ \t]+|(>[ \t]?)+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", RegexOptions.Multiline)]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"!\[([^\]\n]*)\]\([^)\n]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]\n]*)\]\([^)\n]*\)")]
    private static partial Regex Link();

    // What is left of a link cut by the excerpt's edge: "](https://..." or a lone "[".
    [GeneratedRegex(@"\]\([^)\s]*\)?|\[(?=[^\]]*$)")]
    private static partial Regex LinkTail();

    [GeneratedRegex(@"\*+|`+|~~")]
    private static partial Regex Emphasis();

    // Underscores used for emphasis, not the ones inside snake_case words.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
