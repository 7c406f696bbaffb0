using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Archive;

namespace PlayDay.Web.Tests.Following;

/// <summary>
/// Atom feeds of the archive and of one tool: well-formed XML in the Atom namespace, the newest
/// share-backs with what RFC 4287 asks of an entry, opened by a personal token (a wrong or revoked one is a 404).
/// </summary>
public sealed class FeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private sealed record Scene(Browser Fay, string Token, int PlayDayId, int Older, int Newer, int ChatGpt);

    private static async Task<Scene> ArrangeAsync(PlayDayApp app, string prefix)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer", $"{prefix}-olu@example.test");
        var fay = await Browser.RegisteredAsync(app, "Fay Follower", $"{prefix}-fay@example.test");
        var playDayId = await ArchiveData.PlayDayAsync(app, organizer);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var older = await ArchiveData.ShareBackAsync(app, playDayId, "Test Pilots", "Copilot writes tests", "## What worked\n\nIt **wrote** [tests](https://example.test).", "copilot,xunit", now.AddDays(-2));
        var newer = await ArchiveData.ShareBackAsync(app, playDayId, "Release Crew", "Copilot for release notes", "Short.", "copilot", now.AddDays(-1));
        var chatGpt = await ArchiveData.ShareBackAsync(app, playDayId, "Chatters", "ChatGPT drafts replies", "Body.", "chatgpt", now.AddHours(-1));
        using var created = await fay.SubmitAsync(FollowingLinks.ManagePath, [], "form[action*='handler=CreateFeed']");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var token = await app.WithDbAsync(db => db.Followers.Where(f => f.FeedToken != null).Select(f => f.FeedToken!).SingleAsync());
        return new Scene(fay, token, playDayId, older, newer, chatGpt);
    }

    /// <summary>Fetched as a feed reader does: no cookie.</summary>
    private static async Task<(HttpResponseMessage Response, XDocument? Feed)> FetchAsync(PlayDayApp app, string path)
    {
        var response = await app.NewBrowser().Client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response, null);
        }
        await using var stream = await response.Content.ReadAsStreamAsync();
        return (response, await XDocument.LoadAsync(stream, LoadOptions.None, CancellationToken.None));
    }

    private static string Permalink(int id) => $"{PlayDayApp.PublicBaseUrl}/sharebacks/{id}";

    [Fact]
    public async Task The_archive_feed_is_Atom_with_the_newest_share_backs_first_and_what_each_entry_needs()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "archive");

        var (response, feed) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = feed!.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}/archive", root.Element(Atom + "id")!.Value);
        Assert.NotNull(root.Element(Atom + "title"));
        Assert.NotNull(root.Element(Atom + "author")?.Element(Atom + "name"));
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(scene.Token)}",
            root.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var entries = root.Elements(Atom + "entry").ToList();
        Assert.Equal([Permalink(scene.ChatGpt), Permalink(scene.Newer), Permalink(scene.Older)], entries.Select(e => e.Element(Atom + "id")!.Value));
        var older = entries[2];
        Assert.Equal("Copilot writes tests", older.Element(Atom + "title")!.Value);
        Assert.Equal("text", (string?)older.Element(Atom + "title")!.Attribute("type"));
        Assert.Equal(Permalink(scene.Older), older.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("alternate", (string?)older.Element(Atom + "link")!.Attribute("rel"));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(-2), DateTime.Parse(older.Element(Atom + "updated")!.Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal), TimeSpan.FromSeconds(1));
        Assert.Equal("Test Pilots", older.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(["copilot", "xunit"], older.Elements(Atom + "category").Select(c => (string)c.Attribute("term")!));
        // A plain-text excerpt: no Markdown, no template headings.
        Assert.Equal("It wrote tests.", older.Element(Atom + "summary")!.Value);
        Assert.Equal(entries.Max(e => e.Element(Atom + "updated")!.Value), root.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public async Task A_tool_feed_lists_only_that_tools_share_backs()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "tool");

        var (_, copilot) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token, "copilot"));
        var (_, unused) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token, "no-such-tool"));
        var (_, upperCase) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token, "CoPilot"));

        Assert.Equal([Permalink(scene.Newer), Permalink(scene.Older)], copilot!.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal($"{PlayDayApp.PublicBaseUrl}/archive?tag=copilot", copilot.Root!.Element(Atom + "id")!.Value);
        Assert.Contains("copilot", copilot.Root!.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Empty(unused!.Root!.Elements(Atom + "entry"));
        Assert.Equal(2, upperCase!.Root!.Elements(Atom + "entry").Count());
    }

    [Fact]
    public async Task A_wrong_missing_or_revoked_token_is_a_404_and_a_malformed_tool_a_400()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "token");

        foreach (var path in new[] { "/feeds/not-a-token.atom", "/feeds/" + new string('x', 65) + ".atom", "/feeds/%20.atom", FollowingLinks.FeedPath(scene.Token.ToUpperInvariant()) })
        {
            var (wrong, _) = await FetchAsync(app, path);
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        }
        var (bad, _) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token, "<script>"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a usable tool tag", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var revoked = await scene.Fay.SubmitAsync(FollowingLinks.ManagePath, [], "form[action*='handler=RevokeFeed']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var (gone, _) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Hostile_titles_and_characters_XML_cannot_hold_come_out_as_text()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "hostile");
        const string title = "<script>alert('x')</script> & \"quotes\" ]]> 😀";
        // Straight into the database, past the forms' rules, as an old import might have left it. A database server
        // holds neither NUL nor a lone surrogate (SQLite stores U+FFFD for the latter), so there they are what it can hold.
        var body = app.OnSqlite ? "Text \u0000with \u001b[31mcontrol\ud800 characters </summary>" : "Text with \u001b[31mcontrol\ufffd characters </summary>";
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Bad \u0001Team", title + "\u0007", body, "copilot");

        var (response, feed) = await FetchAsync(app, FollowingLinks.FeedPath(scene.Token, "copilot"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = feed!.Root!.Elements(Atom + "entry").First();
        Assert.Equal(title, entry.Element(Atom + "title")!.Value);
        Assert.Equal("Bad Team", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        // The lone surrogate never reaches the feed (SQLite stores U+FFFD for it); the excerpt drops the stray "[".
        Assert.Equal("Text with 31mcontrol\ufffd characters </summary>", entry.Element(Atom + "summary")!.Value);
        Assert.DoesNotContain(feed.Descendants(), e => e.Name.LocalName == "script");
    }

    [Fact]
    public async Task The_archive_and_a_tool_page_name_their_feeds_for_a_signed_in_person_with_feed_links()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "head");
        var stranger = await Browser.RegisteredAsync(app, "Sol Stranger", "head-sol@example.test");

        var archive = await scene.Fay.GetPageAsync("/archive");
        var tool = await scene.Fay.GetPageAsync("/archive?tag=copilot");
        var without = await stranger.GetPageAsync("/archive?tag=copilot");

        static List<string> Feeds(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("head link[rel='alternate'][type='application/atom+xml']").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal([$"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(scene.Token)}"], Feeds(archive));
        Assert.Equal([$"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(scene.Token, "copilot")}", $"{PlayDayApp.PublicBaseUrl}{FollowingLinks.FeedPath(scene.Token)}"], Feeds(tool));
        Assert.Empty(Feeds(without));
        foreach (var href in Feeds(tool))
        {
            var (response, feed) = await FetchAsync(app, new Uri(href).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Atom + "feed", feed!.Root!.Name);
        }
    }
}
