using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Search;

/// <summary>"Has someone tried this already?" in Chromium: the panel beside the team form follows the plan as it is typed.</summary>
[Trait("Browser", "Chromium")]
public sealed class RelatedInBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer(seedDemoData: true);
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    public void Dispose() => _app.Dispose();

    private async Task<IPage> TeamsPageAsync()
    {
        await Browser.RegisteredAsync(_app, "Nia Newcomer", "nia@example.test");
        var page = await _chromium.SignedInPageAsync(_app, "nia@example.test");
        var next = await _app.WithDbAsync(db => db.PlayDays.OrderByDescending(p => p.StartsAtUtc).Select(p => p.Id).FirstAsync());
        await page.GotoAsync(new Uri(_app.BaseAddress, $"/playdays/{next}/teams").AbsoluteUri);
        return page;
    }

    [Fact]
    public async Task Typing_a_plan_shows_the_related_share_backs_with_their_outcomes_after_a_pause_and_the_focus_stays_in_the_field()
    {
        var page = await TeamsPageAsync();
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/search/related", StringComparison.Ordinal))
            {
                lock (asked)
                {
                    asked.Add(request.Url);
                }
            }
        };
        var plan = page.GetByLabel("What do you plan to explore?");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Has someone tried this already?" });
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("[data-related-item]")).ToHaveCountAsync(0);

        const string typed = "Write the missing unit tests for our billing code";
        await plan.ClickAsync();
        await plan.PressSequentiallyAsync(typed, new() { Delay = 15 });

        var first = panel.Locator("[data-related-item]").First;
        await Assertions.Expect(first.GetByRole(AriaRole.Link)).ToHaveTextAsync("Copilot wrote our missing unit tests (and two wrong ones)");
        await Assertions.Expect(first).ToContainTextAsync("Adopted");
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ related share-backs?$"));
        await Assertions.Expect(plan).ToBeFocusedAsync();
        await Assertions.Expect(plan).ToHaveValueAsync(typed);
        int requests;
        lock (asked)
        {
            requests = asked.Count;
        }
        // One question per pause, not per keystroke: typing at 15 ms a key pauses rarely, if ever.
        Assert.InRange(requests, 1, typed.Length / 5);
        Assert.Contains(Uri.EscapeDataString("billing"), asked[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_links_are_reachable_with_the_keyboard_and_lead_to_the_permalink()
    {
        var page = await TeamsPageAsync();
        var plan = page.GetByLabel("What do you plan to explore?");
        await plan.FillAsync("Clean up the quarterly sales export with an assistant");
        var link = page.GetByRole(AriaRole.Region, new() { Name = "Has someone tried this already?" })
            .GetByRole(AriaRole.Link, new() { Name = "Cleaning the sales export with prompts instead of formulas" });
        await Assertions.Expect(link).ToBeVisibleAsync();

        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var id = await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Title == "Cleaning the sales export with prompts instead of formulas").Select(s => s.Id).SingleAsync());
        await page.WaitForURLAsync(url => url.EndsWith($"/sharebacks/{id}", StringComparison.Ordinal));
    }
}
