using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Markdown;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Markdown;

/// <summary>User Markdown on the real pages: a text that breaks Markdig on its own breaks no page.</summary>
public sealed class MarkdownPagesTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_share_back_that_nests_too_deeply_shows_formatted_on_every_page()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var posted = await scene.PostShareBackAsync(scene.TeamMember, title: "Deep nesting", tags: "chatgpt", body: MarkdownBombs.Stored);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = await BoardScene.ShareBackIdOf(posted);

        var board = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        var permalink = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        await scene.Bystander.GetPageAsync($"{scene.BoardUrl}/projector");
        var archive = await scene.Bystander.GetPageAsync("/archive");
        var search = await scene.Bystander.GetPageAsync("/search?q=quokka");
        using (var state = await scene.Bystander.Client.GetAsync($"{scene.BoardUrl}/state"))
        {
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        }

        foreach (var page in new[] { board, permalink })
        {
            var markdown = page.One($"[data-shareback-id='{id}'] .markdown, .shareback-page > .markdown");
            Assert.Equal(MarkdownNesting.MaxDepth, markdown.QuerySelectorAll("blockquote").Length);
            Assert.DoesNotContain(MarkdownRenderer.UnformattedNote, markdown.TextContent, StringComparison.Ordinal);
        }
        Assert.Contains("Deep nesting", archive.One(".shareback-list").TextContent, StringComparison.Ordinal);
        Assert.Contains("Deep nesting", search.One(".search-results").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_play_day_whose_brief_nests_too_deeply_shows_and_its_invitation_is_composed()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var fields = PlayDayForms.Fields();
        fields["Input.Brief"] = MarkdownBombs.Stored;
        var id = await PlayDayForms.ScheduleAsync(organizer, fields);

        var page = await organizer.GetPageAsync($"/playdays/{id}");
        var invited = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });

        Assert.Equal(MarkdownNesting.MaxDepth, page.One("section[aria-labelledby='brief-heading'] .markdown").QuerySelectorAll("blockquote").Length);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await _app.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.PlayDayId == id));
        Assert.Contains("<blockquote>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("id=\"brief-what-we-tried\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownRenderer.UnformattedNote, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heading_ids_from_user_markdown_never_collide_with_the_page_or_each_other()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        var body = "# Main\n\n## What we tried\n\nA lot.";
        var first = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "First", body: body));
        var second = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.Bystander, title: "Second", body: body));
        var organizer = scene.Organizer;
        var brief = PlayDayForms.Fields(title: "Main event");
        brief["Input.Brief"] = "# Main\n\n## Brief heading";
        var playDay = await PlayDayForms.ScheduleAsync(organizer, brief);

        var board = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        var details = await organizer.GetPageAsync($"/playdays/{playDay}");

        foreach (var page in new[] { board, details })
        {
            var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal("main", page.One("#main").LocalName);
        }
        Assert.Equal([$"shareback-{first}-what-we-tried", $"shareback-{second}-what-we-tried"],
            board.QuerySelectorAll(".markdown h2").Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["brief-md-main", "brief-md-brief-heading"], details.QuerySelectorAll(".markdown h1, .markdown h2").Select(h => h.Id));
    }

    [Fact]
    public async Task A_remote_image_is_a_link_and_the_page_loads_images_only_from_the_site()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember,
            body: "Look: ![tracking pixel](https://tracker.example/p.gif?who=everyone)"));

        using var response = await scene.Bystander.Client.GetAsync($"/sharebacks/{id}");
        var page = await Browser.ParseAsync(response);
        using var qrCode = await scene.Bystander.Client.GetAsync($"{scene.BoardUrl}/qr.png");

        var markdown = page.One(".shareback-page > .markdown");
        Assert.Null(markdown.QuerySelector("img"));
        Assert.Equal("tracking pixel", markdown.One("a[href='https://tracker.example/p.gif?who=everyone']").TextContent);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        // The projector's QR code, our one generated image, comes from the site itself.
        Assert.Equal(HttpStatusCode.OK, qrCode.StatusCode);
        Assert.Equal("image/png", qrCode.Content.Headers.ContentType?.MediaType);
    }
}
