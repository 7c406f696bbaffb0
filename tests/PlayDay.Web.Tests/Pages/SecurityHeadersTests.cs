using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Pages;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_private_response_is_marked_no_store_and_static_files_keep_their_caching()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var organizer = scene.Organizer;
        var id = scene.PlayDayId;
        var shareBack = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });
        await Eventually.TrueAsync(async () => await _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.PlayDayId != null && m.PickupFile != null)), "the invitation's .eml");
        var mail = await _app.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.PlayDayId != null));
        await organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        var feedUrl = new Uri((await organizer.GetPageAsync("/me")).One("#feed-url").GetAttribute("value")!);
        var calendarApp = _app.CreateBrowser(); // a calendar app sends no cookie

        var privateUrls = new[]
        {
            $"/playdays/{id}",
            $"/playdays/{id}/invite.ics",
            "/calendar.ics",
            $"/sharebacks/{shareBack}",
            $"/sharebacks/{shareBack}.md",
            "/archive/export.zip",
            $"/playdays/{id}/export.zip",
            "/api/playdays",
            "/api/sharebacks",
            $"/playdays/{id}/board/state",
            $"/playdays/{id}/mail/{mail.Id}.eml",
        };
        foreach (var url in privateUrls)
        {
            using var response = await organizer.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"GET {url} has Cache-Control: {response.Headers.CacheControl}");
        }
        using var feed = await calendarApp.GetAsync(feedUrl.PathAndQuery);
        using var notFound = await organizer.Client.GetAsync("/sharebacks/999999");
        using var css = await organizer.Client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.True(feed.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.True(notFound.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false, $"/css/site.css has Cache-Control: {css.Headers.CacheControl}");
        Assert.NotNull(css.Headers.ETag);
    }
}
