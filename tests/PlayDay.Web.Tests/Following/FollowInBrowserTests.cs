using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Archive;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Following;

/// <summary>
/// The archive for one tool is stored once for everyone (SharedPages); in Chromium, site.js fills in from each
/// person's own request whether they follow the tool, and their secret feed links, and the follow form works with them.
/// </summary>
[Trait("Browser", "Chromium")]
public sealed class FollowInBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer();
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task On_the_stored_archive_page_a_follower_sees_Following_and_her_feed_links_and_a_stranger_sees_neither()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var fay = await Browser.RegisteredAsync(_app, "Fay Follower", "fay@example.test");
        var sol = await Browser.RegisteredAsync(_app, "Sol Stranger", "sol@example.test");
        var playDayId = await ArchiveData.PlayDayAsync(_app, organizer);
        await ArchiveData.ShareBackAsync(_app, playDayId, "Test Pilots", "Copilot writes tests", "Body.", "copilot");
        using var created = await fay.SubmitAsync(FollowingLinks.ManagePath, [], "form[action*='handler=CreateFeed']");
        using var followed = await fay.SubmitAsync("/archive?tag=copilot", [], "form[data-follow-tag='copilot']");
        var token = await _app.WithDbAsync(db => db.Followers.Where(f => f.FeedToken != null).Select(f => f.FeedToken!).SingleAsync());
        const string path = "/archive?tag=copilot";
        var fays = await _chromium.SignedInPageAsync(_app, "fay@example.test");
        await fays.GotoAsync(new Uri(_app.BaseAddress, "/").AbsoluteUri);
        var response = await fays.GotoAsync(new Uri(_app.BaseAddress, path).AbsoluteUri);
        // The page as the server sent it is the one for everyone: no follow, no feed, a personal request to make.
        var sent = await response!.TextAsync();
        Assert.Contains("data-person-url=\"/account/person?", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Following copilot", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(token, sent, StringComparison.Ordinal);
        var follow = fays.Locator("main form[data-follow-tag='copilot'] button");
        await Assertions.Expect(follow).ToHaveTextAsync("Following copilot");
        await Assertions.Expect(follow).ToHaveAttributeAsync("aria-pressed", "true");
        var feeds = fays.Locator("head link[rel='alternate'][type='application/atom+xml']");
        await Assertions.Expect(feeds).ToHaveCountAsync(2);
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(token, "copilot")}", await feeds.First.GetAttributeAsync("href"));

        var sols = await _chromium.SignedInPageAsync(_app, "sol@example.test");
        await sols.GotoAsync(new Uri(_app.BaseAddress, "/").AbsoluteUri);
        await sols.GotoAsync(new Uri(_app.BaseAddress, path).AbsoluteUri);
        await Assertions.Expect(sols.Locator("[data-person-name]")).ToContainTextAsync("Sol Stranger");
        await Assertions.Expect(sols.Locator("main form[data-follow-tag='copilot'] button")).ToHaveTextAsync("Follow copilot");
        await Assertions.Expect(sols.Locator("head link[rel='alternate']")).ToHaveCountAsync(0);

        // Fay's click unfollows (the script switched the form), with her own token, and comes back to the page.
        await follow.ClickAsync();
        await Assertions.Expect(fays.Locator("main .notice")).ToContainTextAsync("You no longer follow copilot");
        await Assertions.Expect(fays.Locator("main form[data-follow-tag='copilot'] button")).ToHaveTextAsync("Follow copilot");
        Assert.Empty(await _app.WithDbAsync(db => db.FollowedTags.ToListAsync()));
    }
}
