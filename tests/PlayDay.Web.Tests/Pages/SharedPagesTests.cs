using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Pages;

/// <summary>
/// The board, the archive and search are stored once per kind of viewer and served to everyone of
/// that kind; what is one person's own comes from a small personal request.
/// </summary>
public sealed class SharedPagesTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// The page as the server sends it, before any script ran. A board is stored once the app has loaded
    /// it; before that (and while this person has a one-time message to see) the page is their own.
    /// </summary>
    private static async Task<string> RawAsync(Browser browser, string url) => (await StoredAsync(browser, url)).Html;

    /// <summary>The page before any script ran, and whether it came from the store (the output cache says how old it is).</summary>
    private static async Task<(string Html, bool Stored)> StoredAsync(Browser browser, string url)
    {
        using var response = await browser.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.Age is not null, "a stored page carries no cookie");
        return (await response.Content.ReadAsStringAsync(), response.Headers.Age is not null);
    }

    /// <summary>A browser just registered follows its redirect home and sees its one-time message there.</summary>
    private static async Task<Browser> SeenHomeAsync(Browser browser)
    {
        await browser.GetPageAsync("/");
        return browser;
    }

    /// <summary>
    /// The page as the first person and then the second get it. Background work writes now and then (the board's
    /// gathered reactions are announced a moment after they were sent, the outbox marks mail sent), and every write
    /// empties the store; a pair with a write between them is asked again.
    /// </summary>
    private static async Task<(string First, string Second, bool Stored)> SeenByBothAsync(Browser first, Browser second, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            var firsts = await RawAsync(first, url);
            var (seconds, stored) = await StoredAsync(second, url);
            if ((stored && firsts == seconds) || attempt == 5)
            {
                return (firsts, seconds, stored);
            }
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> PersonAsync(Browser browser, string page)
    {
        var url = (await Browser.ParseAsync(await browser.Client.GetAsync(page))).Body!.GetAttribute("data-person-url")!;
        using var response = await browser.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_stored_board_page_is_replaced_after_a_post_so_the_next_viewer_sees_the_new_card()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var viewer = await SeenHomeAsync(await Browser.RegisteredAsync(_app, "Vic Viewer"));
        await SeenHomeAsync(scene.Bystander);
        await scene.Organizer.GetPageAsync(scene.BoardUrl);
        var (before, viewers, stored) = await SeenByBothAsync(scene.Bystander, viewer, scene.BoardUrl);
        Assert.Equal(before, viewers);
        Assert.True(stored, "the second viewer gets the page stored for the first");

        await scene.PostShareBackAsync(scene.TeamMember, title: "Posted after the page was stored");

        Assert.DoesNotContain("Posted after the page was stored", before, StringComparison.Ordinal);
        var after = await viewer.GetPageAsync(scene.BoardUrl);
        Assert.Equal("Posted after the page was stored", after.One(".shareback-title").TextContent.Trim());
        Assert.Contains("Posted after the page was stored", await RawAsync(scene.Bystander, scene.BoardUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_page_carries_nobodys_name_token_or_reactions_and_the_personal_request_gives_each_their_own()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var viewer = await SeenHomeAsync(await Browser.RegisteredAsync(_app, "Vic Viewer"));
        await SeenHomeAsync(scene.Bystander);
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "React to me"));
        Assert.Equal(HttpStatusCode.OK, (await scene.ReactAsync(scene.Bystander, shareBackId, "WouldUse")).StatusCode);
        await scene.Organizer.GetPageAsync(scene.BoardUrl);

        foreach (var url in new[] { scene.BoardUrl, "/archive", "/search?q=react" })
        {
            var (reys, vics, stored) = await SeenByBothAsync(scene.Bystander, viewer, url);
            Assert.Equal(reys, vics);
            Assert.True(stored, $"{url} is served from the store to the second person");
            Assert.DoesNotContain("Rey Reactor", reys, StringComparison.Ordinal);
            Assert.DoesNotContain("Vic Viewer", reys, StringComparison.Ordinal);
            Assert.DoesNotContain("aria-pressed=\"true\"", reys, StringComparison.Ordinal);
            var page = await Browser.ParseAsync(new HttpResponseMessage { Content = new StringContent(reys) });
            Assert.All(page.QuerySelectorAll("input[name='__RequestVerificationToken']"), input => Assert.Equal("", input.GetAttribute("value")));
        }

        var rey = await PersonAsync(scene.Bystander, scene.BoardUrl);
        var vic = await PersonAsync(viewer, scene.BoardUrl);
        Assert.Equal("Rey Reactor", rey.GetProperty("name").GetString());
        Assert.Equal("Vic Viewer", vic.GetProperty("name").GetString());
        Assert.NotEqual(rey.GetProperty("token").GetString(), vic.GetProperty("token").GetString());
        var teamId = rey.GetProperty("reactions").EnumerateObject().Single().Name;
        Assert.Equal(["WouldUse"], rey.GetProperty("reactions").GetProperty(teamId).EnumerateArray().Select(k => k.GetString()));
        Assert.Empty(vic.GetProperty("reactions").EnumerateObject());
        Assert.Equal("Vic Viewer", (await viewer.GetPageAsync("/archive")).One(".who").TextContent.Trim());
    }

    [Fact]
    public async Task A_stored_archive_or_search_page_holds_nobodys_feed_links_or_follows_and_the_personal_request_gives_each_their_own()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer", "feeds-olu@example.test");
        var fay = await Browser.RegisteredAsync(_app, "Fay Follower", "feeds-fay@example.test");
        var sol = await SeenHomeAsync(await Browser.RegisteredAsync(_app, "Sol Stranger", "feeds-sol@example.test"));
        var playDayId = await PlayDay.Web.Tests.Archive.ArchiveData.PlayDayAsync(_app, organizer);
        await PlayDay.Web.Tests.Archive.ArchiveData.ShareBackAsync(_app, playDayId, "Test Pilots", "Copilot writes tests", "Body.", "copilot");
        using var created = await fay.SubmitAsync(FollowingLinks.ManagePath, [], "form[action*='handler=CreateFeed']");
        using var followed = await fay.SubmitAsync("/archive?tag=copilot", [], "form[data-follow-tag='copilot']");
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        await SeenHomeAsync(fay);
        var token = await _app.WithDbAsync(db => db.Followers.Where(f => f.FeedToken != null).Select(f => f.FeedToken!).SingleAsync());

        foreach (var url in new[] { "/archive?tag=copilot", "/search?q=tests&tool=copilot", "/archive" })
        {
            // Fay's visit stores the page; Sol is served the same bytes.
            var (fays, sols, stored) = await SeenByBothAsync(fay, sol, url);
            Assert.True(stored, $"{url} is served from the store to the second person");
            Assert.Equal(fays, sols);
            Assert.DoesNotContain(token, fays, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(token), fays, StringComparison.Ordinal);
            Assert.DoesNotContain("application/atom+xml", fays, StringComparison.Ordinal);
            Assert.DoesNotContain("Following copilot", fays, StringComparison.Ordinal);
            var page = await Browser.ParseAsync(new HttpResponseMessage { Content = new StringContent(fays) });
            Assert.All(page.QuerySelectorAll("input[name='__RequestVerificationToken']"), input => Assert.Equal("", input.GetAttribute("value")));

            // Filled in from each person's own request (as site.js does): Fay's feeds and follow, nothing for Sol.
            static List<string> Feeds(IHtmlDocument page) =>
                page.QuerySelectorAll("head link[rel='alternate'][type='application/atom+xml']").Select(l => l.GetAttribute("href")!).ToList();
            var fayPage = await fay.GetPageAsync(url);
            var solPage = await sol.GetPageAsync(url);
            var expected = url.Contains("tag=copilot", StringComparison.Ordinal)
                ? new[] { $"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(token, "copilot")}", $"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(token)}" }
                : url.StartsWith("/archive", StringComparison.Ordinal) ? [$"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(token)}"] : [];
            Assert.Equal(expected, Feeds(fayPage));
            Assert.Empty(Feeds(solPage));
            if (url != "/archive")
            {
                Assert.Equal("true", fayPage.One("main form[data-follow-tag='copilot']").GetAttribute("data-following"));
                Assert.Equal("Following copilot", fayPage.One("main form[data-follow-tag='copilot'] button").TextContent.Trim());
                Assert.Equal("false", solPage.One("main form[data-follow-tag='copilot']").GetAttribute("data-following"));
            }
        }

        // Unfollowing through the stored page's form (switched by the personal request) works with Fay's own token.
        using var unfollowed = await fay.SubmitAsync("/search?q=tests&tool=copilot", [], "form[data-follow-tag='copilot']");
        Assert.Equal(HttpStatusCode.Redirect, unfollowed.StatusCode);
        Assert.Empty(await _app.WithDbAsync(db => db.FollowedTags.ToListAsync()));
    }

    [Fact]
    public async Task Organizers_team_members_and_others_each_get_their_own_page_and_forms_work_with_the_personal_token()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var organizers = await RawAsync(scene.Organizer, "/archive");
        var others = await RawAsync(scene.Bystander, "/archive");
        Assert.Contains("Import an archive", organizers, StringComparison.Ordinal);
        Assert.DoesNotContain("Import an archive", others, StringComparison.Ordinal);

        var member = await scene.TeamMember.GetPageAsync(scene.BoardUrl);
        var bystander = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        Assert.NotNull(member.QuerySelector("form[data-board-form]"));
        Assert.Null(bystander.QuerySelector("form[data-board-form]"));
        Assert.Contains("Teams, and add a late team", (await scene.Organizer.GetPageAsync(scene.BoardUrl)).One(".board-side").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("add a late team", bystander.One(".board-side").TextContent, StringComparison.Ordinal);

        // The compose form of the stored page posts with the token of the personal request.
        var posted = await scene.PostShareBackAsync(scene.TeamMember, title: "Posted through the stored form");
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        // Without a token a write is still refused.
        using var forged = await scene.Organizer.PostWithoutTokenAsync($"{scene.BoardUrl}/control", new() { ["action"] = "start" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_are_still_sent_to_sign_in_when_the_pages_are_stored()
    {
        var scene = await BoardScene.CreateAsync(_app);
        foreach (var url in new[] { scene.BoardUrl, "/archive", "/search?q=tickets" })
        {
            await RawAsync(scene.Bystander, url);
            await RawAsync(scene.Bystander, url);
            using var anonymous = await _app.NewBrowser().Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.LocationPath(), StringComparison.Ordinal);
            using var person = await _app.NewBrowser().Client.GetAsync("/account/person");
            Assert.Equal(HttpStatusCode.Redirect, person.StatusCode);
        }
    }

    [Fact]
    public async Task A_stored_board_follows_the_clock_from_upcoming_to_live()
    {
        // The play day the scene schedules starts on 10 December at 12:00 UTC.
        using var app = new PlayDayApp(now: new DateTimeOffset(2026, 12, 10, 11, 0, 0, TimeSpan.Zero));
        var scene = await BoardScene.CreateAsync(app);
        await SeenHomeAsync(scene.Bystander);
        await scene.Organizer.GetPageAsync(scene.BoardUrl);
        var upcoming = await RawAsync(scene.Bystander, scene.BoardUrl);

        app.Clock.Advance(TimeSpan.FromHours(1.5));

        Assert.Contains("data-state=\"Upcoming\"", upcoming, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Live\"", await RawAsync(scene.Bystander, scene.BoardUrl), StringComparison.Ordinal);
    }
}
