using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlayDay.Web.Markdown;

namespace PlayDay.Web.Tests.Markdown;

public sealed class MarkdownNestingTests
{
    private readonly MarkdownRenderer _renderer = new(NullLogger<MarkdownRenderer>.Instance);

    [Theory]
    [MemberData(nameof(MarkdownBombs.Families), MemberType = typeof(MarkdownBombs))]
    public void Markdig_alone_fails_on_each_bomb(string family, string markdown)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Markdig.Markdown.ToHtml(markdown, MarkdownBombs.Pipeline));

        Assert.True(error.Message.Contains("too deeply nested", StringComparison.Ordinal), $"{family}: {error.Message}");
    }

    [Fact]
    public void Markdig_alone_fails_on_the_stored_size_bomb()
    {
        Assert.True(MarkdownBombs.Stored.Length <= Web.Data.ShareBack.BodyMaxLength);
        Assert.ThrowsAny<ArgumentException>(() => Markdig.Markdown.ToHtml(MarkdownBombs.Stored, MarkdownBombs.Pipeline));
    }

    [Theory]
    [MemberData(nameof(MarkdownBombs.Families), MemberType = typeof(MarkdownBombs))]
    public void Each_bomb_renders_formatted_with_its_deepest_markers_shown_as_typed(string family, string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain(MarkdownRenderer.UnformattedNote, html, StringComparison.Ordinal);
        var text = new HtmlParser().ParseDocument(html).Body!.TextContent;
        Assert.True(text.Contains("deep", StringComparison.Ordinal) || text.Contains("level 299", StringComparison.Ordinal), family);
    }

    [Fact]
    public void The_stored_size_bomb_renders_each_part_formatted_up_to_the_limit()
    {
        var html = _renderer.ToHtml(MarkdownBombs.Stored);

        var document = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(MarkdownRenderer.UnformattedNote, html, StringComparison.Ordinal);
        Assert.Equal(MarkdownNesting.MaxDepth, document.QuerySelectorAll("blockquote").Length);
        Assert.Equal(MarkdownNesting.MaxDepth, document.QuerySelectorAll("ul").Length);
        Assert.Contains(new string('>', 200 - MarkdownNesting.MaxDepth) + " quoted", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(new string('[', 300) + "bracketed", document.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("The end.", document.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, 16, "x")]
    [InlineData(17, 16, "&gt; x")]
    [InlineData(20, 16, "&gt;&gt;&gt;&gt; x")]
    public void Quotes_nest_up_to_the_limit_and_deeper_markers_show_as_typed(int markers, int quotes, string innermost)
    {
        var html = _renderer.ToHtml(new string('>', markers) + " x");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(quotes, document.QuerySelectorAll("blockquote").Length);
        Assert.Equal(innermost, document.QuerySelectorAll("blockquote p")[^1].InnerHtml);
    }

    [Theory]
    [InlineData("- - - - x")]
    [InlineData("1. 1. 1. x")]
    [InlineData("- a\n  - b\n    - c\n      - d")]
    [InlineData("> - a\n>   - b\n>     > c")]
    [InlineData("* * *")]
    [InlineData("- - -")]
    [InlineData("***\n___\n---")]
    [InlineData("Some *emphasis*, **strong**, ***both***, ~~struck~~, ~sub~, ^sup^, ++ins++, ==mark==, snake_case_words, 2*3*4.")]
    [InlineData("[a link](https://example.com) ![an image](/x.png) [ref][r] [[wiki]] `code [[[[ ****` \\[escaped\\]\n\n[r]: /somewhere")]
    [InlineData("| a | *b* |\n|---|---|\n| [c](/c) | `d|e` |")]
    [InlineData("```\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> prompt\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n```\n\n~~~python\n**************************************************\n~~~")]
    [InlineData("> ```\n> [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n> ```\n")]
    [InlineData("- item\n\n  ```\n  ******************************************** \n  ```\n")]
    [InlineData("Line one  \nline two\\\nline three\r\nwindows line\rold mac line")]
    public void Ordinary_markdown_passes_the_limiter_unchanged(string markdown)
    {
        Assert.Same(markdown, MarkdownNesting.Limit(markdown));
    }

    [Theory]
    [InlineData("playday.md")]
    [InlineData("invite.md")]
    [InlineData("shareback.md")]
    public void The_templates_pass_the_limiter_unchanged(string template)
    {
        var markdown = File.ReadAllText(Path.Combine(PlayDayApp.RepositoryRoot, "templates", template));

        Assert.Same(markdown, MarkdownNesting.Limit(markdown));
    }

    [Theory]
    [InlineData("> quote\n> > nested\n> > > three deep\n\nafter")]
    [InlineData("- one\n  - two\n    - three\n      - four\n        1. five\n\n- next")]
    [InlineData("See [the docs](https://example.com/docs \"Docs\") and <https://example.com/auto> or www.example.com.")]
    [InlineData("*em* **strong** ***both*** _under_ __double__ ~~struck~~ ~sub~ ^sup^ ++ins++ ==mark== *nested **strong** inside*")]
    [InlineData("| before | after |\n|:---|---:|\n| 2 h | 20 *min* |\n| `x` | [y](/y) |")]
    [InlineData("```csharp\nvar x = a * b * c;\n```\n\n    indented code\n\nInline `code **here**` too.")]
    [InlineData("# Title\n\n## What worked\n\n- [x] tried it\n- [ ] shared it\n\n---\n\nText.")]
    public void Ordinary_markdown_renders_exactly_as_before(string markdown)
    {
        var before = Markdig.Markdown.ToHtml(markdown, MarkdownBombs.Pipeline);

        Assert.Equal(before, _renderer.ToHtml(markdown, idPrefix: ""));
    }

    [Fact]
    public void A_table_with_thousands_of_columns_renders()
    {
        var columns = 5_000;
        var table = "|" + MarkdownBombs.Repeat(" a |", columns) + "\n|" + MarkdownBombs.Repeat("---|", columns) + "\n|" + MarkdownBombs.Repeat(" b |", columns) + "\n";

        var document = new HtmlParser().ParseDocument(_renderer.ToHtml(table));

        Assert.Equal(columns, document.QuerySelectorAll("th").Length);
        Assert.Equal(columns, document.QuerySelectorAll("td").Length);
    }

    [Fact]
    public void A_long_table_keeps_emphasis_in_hundreds_of_rows()
    {
        // Markdig reads a whole table as one paragraph, so its rows share one delimiter budget.
        var rows = MarkdownNesting.MaxDelimiterRunsPerParagraph / 2;
        var table = "| tool | verdict |\n|---|---|\n" + MarkdownBombs.Repeat("| ChatGPT | **worked** |\n", rows);

        var html = _renderer.ToHtml(table);

        Assert.Same(table, MarkdownNesting.Limit(table));
        Assert.Equal(rows, new HtmlParser().ParseDocument(html).QuerySelectorAll("td strong").Length);
    }

    [Fact]
    public void A_fence_whose_list_item_ended_unnoticed_is_read_again_with_code_as_text()
    {
        // The lazy line "lazy" keeps the list item open, so Markdig ends the fence at "b"; the first
        // pass takes the rest for code and leaves the brackets alone, and the second pass limits them.
        var markdown = "- a\nlazy\n\n  ```\nb\n\n" + MarkdownBombs.Repeat("[", 50_000) + "deep";

        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain(MarkdownRenderer.UnformattedNote, html, StringComparison.Ordinal);
        Assert.Contains("deep", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_longer_than_the_cap_is_shown_as_written_and_logged_once()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var renderer = new MarkdownRenderer(factory.CreateLogger<MarkdownRenderer>());
        var tooLong = "<script>alert(1)</script> **bold**\n" + new string('x', MarkdownRenderer.MaxLength);
        var alsoTooLong = tooLong + "!";

        var html = renderer.ToHtml(tooLong);
        renderer.ToHtml(tooLong);
        renderer.ToHtml(tooLong);
        renderer.ToHtml(alsoTooLong);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(MarkdownRenderer.UnformattedNote, document.One("p.markdown-unformatted").TextContent);
        Assert.Equal(tooLong, document.One("pre.markdown-unformatted").TextContent);
        Assert.Null(document.QuerySelector("script, strong"));
        Assert.Equal(2, logs.Messages.Count(m => m.Level == LogLevel.Warning && m.Text.Contains("shown as written", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_texts_remembered_as_logged_are_bounded()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var renderer = new MarkdownRenderer(factory.CreateLogger<MarkdownRenderer>());
        var texts = Enumerable.Range(0, 300).Select(i => i + new string('x', MarkdownRenderer.MaxLength)).ToList();

        foreach (var text in texts)
        {
            renderer.ToHtml(text);
        }
        renderer.ToHtml(texts[^1]);
        renderer.ToHtml(texts[0]);

        // The newest is still remembered; the oldest was forgotten to make room, so it is logged again.
        Assert.Equal(301, logs.Messages.Count);
    }
}
