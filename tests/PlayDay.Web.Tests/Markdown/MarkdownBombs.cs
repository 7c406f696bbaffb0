using System.Text;
using Markdig;

namespace PlayDay.Web.Tests.Markdown;

/// <summary>Texts that nest deeper than Markdig 1.6.0 allows, one family of markers each, and a pipeline built like the app's.</summary>
public static class MarkdownBombs
{
    /// <summary>The app's pipeline without its URL filter: what the page showed before nesting was limited.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .UseEmphasisExtras()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .DisableHtml()
        .Build();

    public static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    /// <summary>Every family at up to 100,000 characters (the renderer's cap); Markdig alone throws on each.</summary>
    public static TheoryData<string, string> Families => new()
    {
        { "block quotes", new string('>', 99_990) + " deep" },
        { "bullet lists on one line", Repeat("- ", 49_990) + "deep" },
        { "ordered lists on one line", Repeat("1. ", 33_000) + "deep" },
        { "lists by indentation", IndentedList(300) },
        { "quotes and lists", Repeat("> - ", 24_990) + "deep" },
        { "link brackets", Repeat("[", 50_000) + "deep" },
        { "image brackets", Repeat("![", 49_990) + "deep" },
        { "emphasis openers", Repeat("*a", 49_990) + "deep" },
        { "nested emphasis", new string('*', 5_000) + "deep" + new string('*', 5_000) },
        { "alternating emphasis", Repeat("*_", 49_990) + "deep" },
        { "strikethrough", Repeat("~~a", 33_000) + "deep" },
        { "closed pairs in one paragraph", Repeat("*a* ", 24_990) + "deep" },
        { "everything at once", Repeat("> ", 2_000) + Repeat("- ", 2_000) + Repeat("1. ", 2_000) + Repeat("[", 5_000)
            + Repeat("*a", 5_000) + Repeat("*_", 5_000) + Repeat("~a", 5_000) + "deep" + Repeat("a*", 5_000) + Repeat("](u)", 5_000) },
    };

    /// <summary>Fits in a stored share-back or brief (20,000 characters) and breaks Markdig several ways; "quokka" is a word to search for.</summary>
    public static string Stored { get; } =
        "## What we tried\n\nThe quokka experiment.\n\n" +
        new string('>', 200) + " quoted\n\n" +
        Repeat("- ", 100) + "listed\n\n" +
        Repeat("[", 300) + "bracketed\n\n" +
        Repeat("*_", 6_000) + "\n\nThe end.\n";

    private static string IndentedList(int levels)
    {
        var text = new StringBuilder();
        for (var level = 0; level < levels; level++)
        {
            text.Append(' ', 2 * level).Append("- level ").Append(level).Append('\n');
        }
        return text.ToString();
    }
}
