using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Archive;

namespace PlayDay.Web.Tests.Following;

/// <summary>Following and unfollowing tools through the forms: from a share-back, the archive and search, and on /me/following.</summary>
public sealed class FollowFormTests
{
    private sealed record Scene(Browser Fay, int ShareBackId);

    private static async Task<Scene> ArrangeAsync(PlayDayApp app, string prefix)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer", $"{prefix}-olu@example.test");
        var fay = await Browser.RegisteredAsync(app, "Fay Follower", $"{prefix}-fay@example.test");
        var playDayId = await ArchiveData.PlayDayAsync(app, organizer);
        var id = await ArchiveData.ShareBackAsync(app, playDayId, "Test Pilots", "Copilot writes tests", "Body.", "copilot,xunit");
        return new Scene(fay, id);
    }

    private static Task<List<string>> FollowedAsync(PlayDayApp app) =>
        app.WithDbAsync(db => db.FollowedTags.OrderBy(f => f.Tag).Select(f => f.Tag).ToListAsync());

    [Fact]
    public async Task Following_from_a_share_back_comes_back_to_it_and_unfollowing_undoes_it()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "button");
        var page = $"/sharebacks/{scene.ShareBackId}";

        using var followed = await scene.Fay.SubmitAsync(page, [], "form[data-follow-tag='copilot']");
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(page, followed.LocationPath());
        Assert.Equal(["copilot"], await FollowedAsync(app));
        var after = await scene.Fay.GetPageAsync(page);
        Assert.Equal("true", after.One("form[data-follow-tag='copilot']").GetAttribute("data-following"));
        Assert.Equal("false", after.One("form[data-follow-tag='xunit']").GetAttribute("data-following"));
        Assert.Contains("You follow copilot", after.One("main .notice").TextContent, StringComparison.Ordinal);
        var manage = await scene.Fay.GetPageAsync(FollowingLinks.ManagePath);
        Assert.Equal(["copilot"], manage.QuerySelectorAll(".following-list li").Select(li => li.GetAttribute("data-tag")));

        using var unfollowed = await scene.Fay.SubmitAsync(page, [], "form[data-follow-tag='copilot']");
        Assert.Equal(page, unfollowed.LocationPath());
        Assert.Empty(await FollowedAsync(app));
    }

    [Fact]
    public async Task The_archive_and_search_for_one_tool_offer_to_follow_it()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "offer");

        var archive = await scene.Fay.GetPageAsync("/archive?tag=copilot");
        var search = await scene.Fay.GetPageAsync("/search?q=tests&tool=xunit");
        var unfiltered = await scene.Fay.GetPageAsync("/archive");

        Assert.NotNull(archive.QuerySelector("main form[data-follow-tag='copilot']"));
        Assert.NotNull(search.QuerySelector("main form[data-follow-tag='xunit']"));
        Assert.Null(unfiltered.QuerySelector("main form[data-follow-tag]"));
        using var followed = await scene.Fay.SubmitAsync("/search?q=tests&tool=xunit", [], "form[data-follow-tag='xunit']");
        Assert.Equal("/search?q=tests&tool=xunit", followed.Headers.Location?.OriginalString);
        Assert.Equal(["xunit"], await FollowedAsync(app));
    }

    [Theory]
    [InlineData("", "Name a tool to follow.")]
    [InlineData("no-such-tool", "No share-back names the tool “no-such-tool”")]
    [InlineData("<script>", "not a usable tool tag")]
    public async Task A_tool_that_cannot_be_followed_is_refused_with_a_message(string tag, string message)
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "refused");

        using var refused = await scene.Fay.SubmitAsync(FollowingLinks.ManagePath, new() { ["Tag"] = tag }, "form[action*='handler=Follow']");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Contains(message, page.One("#follow-tag-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(await FollowedAsync(app));
    }

    [Fact]
    public async Task A_follow_without_the_forms_token_is_refused_and_a_foreign_return_address_is_ignored()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "forged");

        using var forged = await scene.Fay.PostWithoutTokenAsync($"{FollowingLinks.ManagePath}?handler=Follow", new() { ["Tag"] = "copilot" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await FollowedAsync(app));

        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            using var followed = await scene.Fay.PostWithTokenFromAsync(FollowingLinks.ManagePath, $"{FollowingLinks.ManagePath}?handler=Follow",
                new() { ["Tag"] = "copilot", ["ReturnUrl"] = elsewhere });
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
            Assert.Equal(FollowingLinks.ManagePath, followed.LocationPath());
        }
        Assert.Equal(["copilot"], await FollowedAsync(app));
    }

    [Fact]
    public async Task The_digest_choice_is_saved_and_an_unknown_one_is_refused_with_a_message()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "choice");

        using var daily = await scene.Fay.SubmitAsync(FollowingLinks.ManagePath, new() { ["Digest"] = "Daily" }, "form[action*='handler=Digest']");
        Assert.Equal(HttpStatusCode.Redirect, daily.StatusCode);
        Assert.Equal(DigestFrequency.Daily, await app.WithDbAsync(db => db.Followers.Select(f => f.Digest).SingleAsync()));
        Assert.Equal("Daily", (await scene.Fay.GetPageAsync(FollowingLinks.ManagePath)).One("input[name='Digest']:checked").GetAttribute("value"));

        foreach (var bad in new[] { "Hourly", "1", "" })
        {
            using var refused = await scene.Fay.SubmitAsync(FollowingLinks.ManagePath, new() { ["Digest"] = bad }, "form[action*='handler=Digest']");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Choose weekly, daily, off", (await Browser.ParseAsync(refused)).One("#digest").TextContent, StringComparison.Ordinal);
        }
        using var byDefault = await scene.Fay.SubmitAsync(FollowingLinks.ManagePath, new() { ["Digest"] = "Default" }, "form[action*='handler=Digest']");
        Assert.Null(await app.WithDbAsync(db => db.Followers.Select(f => f.Digest).SingleAsync()));
    }
}
