using Microsoft.Playwright;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Archive;

/// <summary>Hostile Markdown, rendered on the share-back page in real Chromium: nothing of it runs.</summary>
[Trait("Browser", "Chromium")]
public sealed class HostileMarkdownInBrowserTests : InBrowser
{
    private const string Hostile = """
        <script>window.pwned = 'script tag'</script>
        <img src=x onerror="window.pwned = 'onerror'">
        <svg onload="window.pwned = 'svg'"></svg>
        <a href="javascript:window.pwned='raw link'">raw</a>

        [js link](javascript:window.pwned='link') [JS](JaVaScRiPt:window.pwned='case') [tab](java&#x09;script:window.pwned='tab')
        [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)
        ![img](javascript:window.pwned='img') ![data img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)
        <javascript:window.pwned='autolink'>
        [ref link][evil]

        [evil]: javascript:window.pwned='reference'

        [fine](https://example.com/docs)
        """;

    [Fact]
    public async Task No_script_from_a_share_back_runs_in_the_browser()
    {
        var scene = await BoardScene.CreateAsync(App);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Hostile", tags: "", body: Hostile));
        var page = await Chromium.SignedInPageAsync(App, "rey@example.test");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        var response = await page.GotoAsync(new Uri(App.BaseAddress, $"/sharebacks/{id}").AbsoluteUri);
        foreach (var link in await page.Locator(".markdown a").AllAsync())
        {
            await link.ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        }
        // A javascript: link would run in a task its click queued: let the page's queued tasks run before looking.
        await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve))");

        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("() => window.pwned ?? null"));
        Assert.Equal(0, dialogs);
        var hrefs = await page.Locator(".markdown a, .markdown img").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href') ?? e.getAttribute('src') ?? '')");
        Assert.Equal(["https://example.com/docs"], hrefs);
        Assert.Equal(0, await page.Locator(".markdown script, .markdown svg, .markdown [onerror], .markdown [onload]").CountAsync());
        var scripts = await page.Locator("script").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('src') ?? 'inline')");
        Assert.All(scripts, src => Assert.StartsWith("/js/", src, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".markdown")).ToContainTextAsync("<script>window.pwned = 'script tag'</script>");
    }
}
