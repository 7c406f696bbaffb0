using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.Archive;

public sealed class SearchTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(Browser Organizer, int PlayDayId)> ArrangeAsync()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        return (organizer, await ArchiveData.PlayDayAsync(_app, organizer));
    }

    private static async Task<IHtmlDocument> SearchAsync(Browser browser, string q, int page = 1)
    {
        var (status, document) = await browser.GetAsync($"/search?q={Uri.EscapeDataString(q)}&p={page}");
        Assert.Equal(HttpStatusCode.OK, status);
        return document;
    }

    private static List<string> Titles(IHtmlDocument page) =>
        page.QuerySelectorAll(".search-results h3").Select(h => h.TextContent.Trim()).ToList();

    [Fact]
    public async Task Title_and_tag_matches_rank_above_body_matches()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Weekly report automation", body: "We used a prompt library for the weekly report. The prompt was long.");
        await ArchiveData.ShareBackAsync(_app, id, "B", "A prompt library for support", body: "Short.");
        await ArchiveData.ShareBackAsync(_app, id, "C", "Support macros", body: "Nothing to see.", tags: "prompt");

        var titles = Titles(await SearchAsync(organizer, "prompt"));

        Assert.Equal(3, titles.Count);
        Assert.Equal("Weekly report automation", titles[^1]);
    }

    [Fact]
    public async Task Words_are_stemmed_so_prompting_finds_prompt()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "One good prompt");
        await ArchiveData.ShareBackAsync(_app, id, "B", "Unrelated");

        Assert.Equal(["One good prompt"], Titles(await SearchAsync(organizer, "prompting")));
    }

    [Fact]
    public async Task Quoted_phrases_exclusions_and_tag_filters_narrow_the_results()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Release notes from commits", tags: "chatgpt,github");
        await ArchiveData.ShareBackAsync(_app, id, "B", "Notes on a release train", tags: "copilot");
        await ArchiveData.ShareBackAsync(_app, id, "C", "Release checklist in Excel", body: "notes", tags: "excel");

        Assert.Equal(["Release notes from commits"], Titles(await SearchAsync(organizer, "\"release notes\"")));
        Assert.Equal(["Notes on a release train"], Titles(await SearchAsync(organizer, "release notes -commits -excel")));
        Assert.Equal(["Notes on a release train"], Titles(await SearchAsync(organizer, "release tag:copilot")));
        Assert.Equal(["Release checklist in Excel"], Titles(await SearchAsync(organizer, "tag:excel")));
    }

    [Fact]
    public async Task Results_come_ten_to_a_page()
    {
        var (organizer, id) = await ArrangeAsync();
        for (var i = 1; i <= 12; i++)
        {
            await ArchiveData.ShareBackAsync(_app, id, $"Team {i}", $"Agent experiment {i}");
        }

        var first = await SearchAsync(organizer, "agent");
        var second = await SearchAsync(organizer, "agent", page: 2);

        Assert.Equal(10, Titles(first).Count);
        Assert.Equal(2, Titles(second).Count);
        Assert.Empty(Titles(first).Intersect(Titles(second)));
        Assert.Contains("12 results", first.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Snippets_highlight_matches_and_show_user_html_as_text()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Ticket triage", body: "We asked the model to <script>alert(1)</script> classify tickets by urgency.");

        var page = await SearchAsync(organizer, "classify");

        var snippet = page.One(".snippet");
        Assert.Equal("classify", snippet.One("mark").TextContent);
        Assert.Contains("<script>alert(1)</script>", snippet.TextContent, StringComparison.Ordinal);
        Assert.Null(snippet.QuerySelector("script"));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("AND")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("NEAR(prompt")]
    [InlineData("\"")]
    [InlineData("tag:")]
    [InlineData("title:prompt")]
    [InlineData("prompt OR")]
    [InlineData("(((")]
    [InlineData("^prompt")]
    [InlineData("-\"")]
    [InlineData("prompt\u0000")]
    public async Task Malformed_queries_are_read_as_plain_words_and_never_fail(string q)
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "A prompt for everything");

        var (status, _) = await organizer.GetAsync($"/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_search_without_results_suggests_a_nearby_tag_and_dropping_filters()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Meeting notes", tags: "chatgpt");

        var misspelled = await SearchAsync(organizer, "chatgtp");
        var filtered = await SearchAsync(organizer, "meeting tag:copilot");

        Assert.Contains("0 results", misspelled.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Contains("tag:chatgpt", misspelled.QuerySelectorAll(".suggestions a").Select(a => a.TextContent.Trim()));
        Assert.Contains("meeting", filtered.QuerySelectorAll(".suggestions a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task The_index_follows_posts_edits_and_deletes()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        var id = await Board.BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Whiteboard photos to Jira tickets"));
        Assert.Equal(["Whiteboard photos to Jira tickets"], Titles(await SearchAsync(scene.Bystander, "whiteboard")));

        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Title"] = "Sticky notes to Jira tickets" }, "form[data-board-form]");
        Assert.Empty(Titles(await SearchAsync(scene.Bystander, "whiteboard")));
        Assert.Equal(["Sticky notes to Jira tickets"], Titles(await SearchAsync(scene.Bystander, "sticky")));

        var deleted = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(Titles(await SearchAsync(scene.Bystander, "sticky")));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM \"ShareBackSearch\"").SingleAsync()));
    }

    [Fact]
    public async Task Every_page_has_the_search_box()
    {
        var (organizer, id) = await ArrangeAsync();

        foreach (var url in new[] { "/", $"/playdays/{id}", "/archive", "/me" })
        {
            var page = await organizer.GetPageAsync(url);
            Assert.Equal("/search", page.One("header form[role=search]").GetAttribute("action"));
        }
    }
}
