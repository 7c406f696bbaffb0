using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Discoveries;

/// <summary>
/// The demo's story as a person sees it in Chromium: a past play day's recap, and the next play day
/// opening with last quarter's discoveries, one of which a new team picks up to re-test.
/// </summary>
[Trait("Browser", "Chromium")]
public sealed class RecapInBrowserTests : IAsyncLifetime
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer(seedDemoData: true);
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        _app.Dispose();
    }

    private string Url(string path) => new Uri(_app.BaseAddress, path).AbsoluteUri;

    [Fact]
    public async Task A_past_play_day_reads_as_its_recap_grouped_by_outcome_with_figures_and_adopters_and_no_call_to_join()
    {
        await Browser.RegisteredAsync(_app, "Nia Newcomer", "nia@example.test");
        var page = await _chromium.SignedInPageAsync(_app, "nia@example.test");
        var first = await _app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.StartsAtUtc).FirstAsync());

        await page.GotoAsync(Url($"/playdays/{first.Id}"));

        var recap = page.Locator("[data-recap]");
        await Assertions.Expect(recap.GetByRole(AriaRole.Heading, new() { Name = "Recap: what became of this play day's discoveries" })).ToBeVisibleAsync();
        await Assertions.Expect(recap.Locator("[data-outcome-group]")).ToHaveCountAsync(2);
        await Assertions.Expect(recap.Locator("[data-outcome-group='Spreading']")).ToContainTextAsync("Release notes from commit logs in 15 minutes");
        await Assertions.Expect(recap.Locator("[data-outcome-group='Spreading']")).ToContainTextAsync("Spreading to 2 teams: Mobile apps, Support docs");
        await Assertions.Expect(recap.Locator("[data-outcome-group='Spreading']")).ToContainTextAsync("120 → 15 minutes a week");
        await Assertions.Expect(recap.Locator("[data-recap-totals]")).ToContainTextAsync("2 discoveries");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export every share-back (.zip of Markdown)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Join the call")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you coming?" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_next_play_day_and_its_board_open_with_last_quarters_discoveries_and_a_new_team_picks_one_to_retest()
    {
        await Browser.RegisteredAsync(_app, "Nia Newcomer", "nia@example.test");
        var page = await _chromium.SignedInPageAsync(_app, "nia@example.test");
        var playDays = await _app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.StartsAtUtc).ToListAsync());
        var next = playDays[^1];
        var inboxZero = await _app.WithDbAsync(db => db.ShareBacks.SingleAsync(s => s.Team!.Name == "Inbox Zero"));

        await page.GotoAsync(Url($"/playdays/{next.Id}/board"));
        var onBoard = page.Locator("[data-last-quarter]");
        await Assertions.Expect(onBoard).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(onBoard).ToContainTextAsync($"What happened to last quarter's discoveries ({playDays[^2].Quarter})");
        await Assertions.Expect(onBoard.Locator("[data-outcome-group='Dropped']")).ToContainTextAsync("Security review would not give an agent write access");

        await page.GotoAsync(Url($"/playdays/{next.Id}"));
        var lastQuarter = page.Locator("[data-last-quarter]");
        await Assertions.Expect(lastQuarter.Locator("[data-outcome-group] h3")).ToHaveTextAsync(["Trying 2", "Re-test next quarter 1", "Dropped 1", "Shared 1"]);
        var suggestion = lastQuarter.Locator($"[data-suggestion='{inboxZero.Id}']");
        await Assertions.Expect(suggestion).ToContainTextAsync("Drafting follow-up emails: saved time, lost our tone");

        await suggestion.GetByRole(AriaRole.Link, new() { Name = "We'll re-test this" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains($"/playdays/{next.Id}/teams", StringComparison.Ordinal));
        var choice = page.GetByLabel("Re-test an earlier discovery? (optional)");
        await Assertions.Expect(choice).ToHaveValueAsync(inboxZero.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Team name").FillAsync("Tone Deaf No More");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();

        await Assertions.Expect(page.Locator("li, article, section").Filter(new() { HasText = "Tone Deaf No More" }).Locator(".retest").Last)
            .ToContainTextAsync("Re-testing Drafting follow-up emails: saved time, lost our tone, which almost worked before.");
        Assert.Equal(inboxZero.Id, await _app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Tone Deaf No More").Select(t => t.RetestOfShareBackId).SingleAsync()));
        await page.GotoAsync(Url($"/sharebacks/{inboxZero.Id}"));
        await Assertions.Expect(page.Locator("[data-retested-by]")).ToContainTextAsync("Tone Deaf No More");
    }
}
