using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using PlayDay.Web.Markdown;

namespace PlayDay.Web.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new(NullLogger<MarkdownRenderer>.Instance);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](java&#x09;script:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x](https://example.com){onclick=alert(1)}")]
    // Unwrapping the images once hid the autolink after them from the filter.
    [InlineData("![a](javascript:x) ![b](data:y)\n<javascript:window.pwned='autolink'>")]
    public void Hostile_markdown_never_becomes_active_content(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        var fragment = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(fragment.QuerySelectorAll("script, iframe, object, embed, style"));
        foreach (var element in fragment.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler in {html}");
                if (attribute.Name is "href" or "src")
                {
                    Assert.True(MarkdownRenderer.IsSafeUrl(attribute.Value), $"unsafe {attribute.Name} in {html}");
                    Assert.DoesNotContain("script:", attribute.Value.Replace("\t", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
                    Assert.False(attribute.Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase), $"data URL in {html}");
                }
            }
        }
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = _renderer.ToHtml("<b>bold</b>");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsafe_link_keeps_its_text_but_is_no_longer_a_link()
    {
        var html = _renderer.ToHtml("see [the docs](javascript:alert(1)) here");

        Assert.Equal("<p>see the docs here</p>", html.Trim());
    }

    [Theory]
    [InlineData("[a](https://example.com/x?y=1)", "https://example.com/x?y=1")]
    [InlineData("[a](http://example.com)", "http://example.com")]
    [InlineData("[a](mailto:team@example.com)", "mailto:team@example.com")]
    [InlineData("[a](/playdays/1)", "/playdays/1")]
    [InlineData("[a](#brief)", "#brief")]
    [InlineData("https://example.com/auto", "https://example.com/auto")]
    public void Safe_links_stay_links(string markdown, string href)
    {
        var html = _renderer.ToHtml(markdown);

        var link = new HtmlParser().ParseDocument(html).QuerySelector("a");
        Assert.NotNull(link);
        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void Tables_task_lists_and_heading_anchors_render()
    {
        var html = _renderer.ToHtml("## What worked\n\n| before | after |\n|---|---|\n| 2 h | 20 min |\n\n- [x] tried it\n- [ ] shared it\n");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("md-what-worked", document.QuerySelector("h2")?.Id);
        Assert.NotNull(document.QuerySelector("table td"));
        Assert.Equal(2, document.QuerySelectorAll("input[type=checkbox]").Length);
    }

    [Fact]
    public void Heading_ids_carry_the_callers_prefix_and_links_to_them_follow()
    {
        var html = _renderer.ToHtml("# Main\n\n## Main\n\n## Details\n\nSee [the top](#main), [the second](#main-1), [Details] and [elsewhere](#nowhere).", "shareback-12-");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(["shareback-12-main", "shareback-12-main-1", "shareback-12-details"], document.QuerySelectorAll("h1, h2").Select(h => h.Id));
        Assert.Equal(["#shareback-12-main", "#shareback-12-main-1", "#shareback-12-details", "#nowhere"], document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData(null, "md-main")]
    [InlineData("brief-", "brief-main")]
    [InlineData("x\"><script>-", "xscript-main")]
    public void Heading_ids_start_with_md_unless_another_prefix_is_given(string? prefix, string id)
    {
        var html = prefix is null ? _renderer.ToHtml("# Main") : _renderer.ToHtml("# Main", prefix);

        Assert.Equal(id, new HtmlParser().ParseDocument(html).QuerySelector("h1")?.Id);
    }

    [Theory]
    [InlineData("![pixel](https://tracker.example/p.gif)", "https://tracker.example/p.gif", "pixel")]
    [InlineData("![](http://tracker.example/p.gif)", "http://tracker.example/p.gif", "http://tracker.example/p.gif")]
    [InlineData("![pixel](//tracker.example/p.gif)", "//tracker.example/p.gif", "pixel")]
    [InlineData("![pixel][p]\n\n[p]: HTTPS://tracker.example/p.gif", "HTTPS://tracker.example/p.gif", "pixel")]
    [InlineData("[![pixel](https://tracker.example/p.gif)](https://example.com/page)", "https://example.com/page", "pixel")]
    public void A_remote_image_becomes_a_link_to_it_so_nothing_is_loaded(string markdown, string href, string text)
    {
        var html = _renderer.ToHtml(markdown);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Null(document.QuerySelector("img"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal(text, link.TextContent);
    }

    [Fact]
    public void A_relative_image_stays_an_image()
    {
        var html = _renderer.ToHtml("![chart](/img/chart.png)");

        Assert.Equal("/img/chart.png", new HtmlParser().ParseDocument(html).QuerySelector("img")?.GetAttribute("src"));
    }
}
