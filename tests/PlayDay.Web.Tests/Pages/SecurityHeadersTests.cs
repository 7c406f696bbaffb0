using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Pages;

/// <summary>A play day with a share-back, a sent invitation and a calendar feed: something behind every private URL. Arranged once; the tests only read.</summary>
public sealed class PrivateUrlsFixture : IAsyncLifetime
{
    public PlayDayApp App { get; } = new();

    public Browser Organizer { get; private set; } = null!;

    /// <summary>Fills in a URL template's {playday}, {shareback} and {mail}.</summary>
    public Func<string, string> Url { get; private set; } = t => t;

    public string FeedPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var scene = await BoardScene.CreateAsync(App);
        Organizer = scene.Organizer;
        var shareBack = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/invite", new() { ["Input.Addresses"] = "sam@example.test" });
        await Eventually.TrueAsync(async () => await App.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.PlayDayId != null && m.PickupFile != null)), "the invitation's .eml");
        var mail = await App.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.PlayDayId != null));
        await Organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        FeedPath = new Uri((await Organizer.GetPageAsync("/me")).One("#feed-url").GetAttribute("value")!).PathAndQuery;
        Url = t => t.Replace("{playday}", $"{scene.PlayDayId}", StringComparison.Ordinal)
            .Replace("{shareback}", $"{shareBack}", StringComparison.Ordinal)
            .Replace("{mail}", $"{mail.Id}", StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SecurityHeadersTests(PrivateUrlsFixture world) : IClassFixture<PrivateUrlsFixture>
{
    public static TheoryData<string> PrivateUrls =>
    [
        "/playdays/{playday}",
        "/playdays/{playday}/invite.ics",
        "/calendar.ics",
        "/sharebacks/{shareback}",
        "/sharebacks/{shareback}.md",
        "/archive/export.zip",
        "/playdays/{playday}/export.zip",
        "/api/playdays",
        "/api/sharebacks",
        "/playdays/{playday}/board/state",
        "/playdays/{playday}/board?handler=Part&name=sharebacks",
        "/playdays/{playday}/mail/{mail}.eml",
    ];

    [Theory]
    [MemberData(nameof(PrivateUrls))]
    public async Task A_private_response_is_marked_no_store(string url)
    {
        using var response = await world.Organizer.Client.GetAsync(world.Url(url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_personal_calendar_feed_fetched_without_a_cookie_is_marked_no_store()
    {
        // A calendar app sends no cookie: the token in the address is its key.
        using var feed = await world.App.CreateBrowser().GetAsync(world.FeedPath);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.True(feed.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_not_found_answer_is_marked_no_store()
    {
        using var notFound = await world.Organizer.Client.GetAsync("/sharebacks/999999");

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.True(notFound.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Static_files_keep_their_caching()
    {
        using var css = await world.Organizer.Client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false, $"Cache-Control: {css.Headers.CacheControl}");
        Assert.NotNull(css.Headers.ETag);
    }
}
