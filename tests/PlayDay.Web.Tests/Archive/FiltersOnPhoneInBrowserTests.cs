using Microsoft.Playwright;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Archive;

/// <summary>On a phone the archive's and search's filters fold away (they filled the whole first screen), unless one is set.</summary>
[Trait("Browser", "Chromium")]
public sealed class FiltersOnPhoneInBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer(seedDemoData: true);
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    public void Dispose() => _app.Dispose();

    private async Task<IPage> OpenAsync(string path, int width, int height)
    {
        var email = $"nia-{width}@example.test";
        await Browser.RegisteredAsync(_app, "Nia Newcomer", email);
        var page = await _chromium.SignedInPageAsync(_app, email, new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(_app.BaseAddress, path).AbsoluteUri);
        return page;
    }

    [Fact]
    public async Task On_a_phone_the_filters_fold_and_the_first_share_back_shows_on_the_first_screen()
    {
        var page = await OpenAsync("/archive", 390, 844);

        var quarter = page.GetByLabel("Quarter", new() { Exact = true });
        await Assertions.Expect(quarter).ToBeHiddenAsync();
        var first = page.Locator(".shareback-list > li").First;
        await Assertions.Expect(first).ToBeInViewportAsync();
        await page.GetByText("Filters", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(quarter).ToBeVisibleAsync();

        // Turned to landscape (wider), a folded panel still has its summary to open it by.
        await page.GetByText("Filters", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(quarter).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(844, 390);
        await page.GetByText("Filters", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(quarter).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("details.filters-panel > summary")).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync(new Uri(_app.BaseAddress, "/search?q=prompt").AbsoluteUri);
        await Assertions.Expect(page.GetByLabel("Words, \"exact phrases\", -left-out words, tag:tool")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Quarter", new() { Exact = true })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_phone_filters_that_are_set_stay_open_and_say_how_many()
    {
        var page = await OpenAsync("/archive?tag=copilot&outcome=Trying", 390, 844);

        await Assertions.Expect(page.Locator("details.filters-panel > summary")).ToHaveTextAsync("Filters (2 set)");
        await Assertions.Expect(page.GetByLabel("Tool", new() { Exact = true })).ToHaveValueAsync("copilot");
        await Assertions.Expect(page.GetByLabel("Tool", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_filters_are_always_shown()
    {
        var page = await OpenAsync("/archive", 1280, 900);

        await Assertions.Expect(page.GetByLabel("Quarter", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("details.filters-panel > summary")).ToBeHiddenAsync();
    }
}
