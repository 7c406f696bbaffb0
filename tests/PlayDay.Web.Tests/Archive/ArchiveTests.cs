using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlayDay.Web.Tests.Archive;

public sealed class ArchiveTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".shareback-list h3").Select(h => h.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_archive_lists_every_share_back_newest_first_with_filters_and_paging()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var q4 = await ArchiveData.PlayDayAsync(_app, organizer, "Q4 day", "2026-12-10");
        var q1 = await ArchiveData.PlayDayAsync(_app, organizer, "Q1 day", "2027-02-11");
        var start = new DateTime(2026, 12, 10, 14, 0, 0, DateTimeKind.Utc);
        await ArchiveData.ShareBackAsync(_app, q4, "Pirates", "Oldest", tags: "chatgpt", postedAtUtc: start);
        await ArchiveData.ShareBackAsync(_app, q4, "Larks", "Middle", tags: "copilot,excel", postedAtUtc: start.AddMinutes(10));
        await ArchiveData.ShareBackAsync(_app, q1, "Pirates", "Newest", tags: "copilot", postedAtUtc: start.AddDays(63));
        for (var i = 0; i < 20; i++)
        {
            await ArchiveData.ShareBackAsync(_app, q1, $"Filler {i}", $"Filler {i}", postedAtUtc: start.AddDays(1).AddMinutes(i));
        }

        var first = await organizer.GetPageAsync("/archive");
        var second = await organizer.GetPageAsync(first.One("a[rel=next]").GetAttribute("href")!);

        Assert.Equal("Newest", Titles(first)[0]);
        Assert.Equal(20, Titles(first).Count);
        Assert.Equal(["Middle", "Oldest"], Titles(second)[^2..]);
        Assert.Equal(["Middle", "Oldest"], Titles(await organizer.GetPageAsync("/archive?quarter=2026+Q4")));
        Assert.Equal(["Middle", "Oldest"], Titles(await organizer.GetPageAsync($"/archive?playday={q4}")));
        Assert.Equal(["Newest", "Oldest"], Titles(await organizer.GetPageAsync("/archive?team=pirates")));
        Assert.Equal(["Newest", "Middle"], Titles(await organizer.GetPageAsync("/archive?tag=copilot")));
        Assert.Empty(Titles(await organizer.GetPageAsync("/archive?tag=cop")));
        var badQuarter = await organizer.GetPageAsync("/archive?quarter=soon");
        Assert.Contains("is not a quarter", badQuarter.One(".errors").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_back_page_links_to_its_raw_markdown_its_tools_and_its_card_on_the_board()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var playDay = await ArchiveData.PlayDayAsync(_app, organizer);
        var id = await ArchiveData.ShareBackAsync(_app, playDay, "Pirates", "Prompt library", tags: "c#,copilot");

        var page = await organizer.GetPageAsync($"/sharebacks/{id}");
        string Link(string text) => page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == text).GetAttribute("href")!;
        var tools = page.QuerySelectorAll(".facts .tags a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal($"/sharebacks/{id}.md", Link("Raw Markdown"));
        Assert.Equal($"/playdays/{playDay}/board#shareback-{id}", Link("On the live board"));
        Assert.Equal(["/archive?tag=c%23", "/archive?tag=copilot"], tools);
        using var raw = await organizer.Client.GetAsync(Link("Raw Markdown"));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(["Prompt library"], Titles(await organizer.GetPageAsync(tools[0])));
        var listed = (await organizer.GetPageAsync("/archive")).One(".shareback-list .summary");
        Assert.Equal($"/sharebacks/{id}", listed.One("h3 a").GetAttribute("href"));
        Assert.Equal(["/archive?tag=c%23", "/archive?tag=copilot"], listed.QuerySelectorAll(".tags a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_download_of_something_that_does_not_exist_is_a_404_that_says_what()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        using var markdown = await organizer.Client.GetAsync("/sharebacks/4242.md");
        using var export = await organizer.Client.GetAsync("/playdays/4242/export.zip");

        foreach (var (response, detail) in new[] { (markdown, "There is no share-back 4242."), (export, "There is no play day 4242.") })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(detail, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_share_back_has_a_permalink_and_its_raw_markdown_with_front_matter()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        var id = await Board.BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Ticket summaries",
            tags: "ChatGPT, zendesk", body: "## What we tried\n\n| before | after |\n|---|---|\n| 2 h | 20 min |\n\n- [x] shared it"));
        await scene.ReactAsync(scene.Bystander, id, "WouldUse");

        var page = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        using var raw = await scene.Bystander.Client.GetAsync($"/sharebacks/{id}.md");
        var markdown = await raw.Content.ReadAsStringAsync();

        Assert.Equal("Ticket summaries", page.One("h1").TextContent.Trim());
        Assert.Contains("Prompt Pirates: Tess Teammate", page.One(".facts").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".markdown table td"));
        Assert.NotNull(page.QuerySelector(".markdown input[type=checkbox][checked]"));
        Assert.Equal($"shareback-{id}-what-we-tried", page.One(".markdown h2").Id);
        Assert.Equal("text/markdown", raw.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("---\ntitle: \"Ticket summaries\"\nteam: \"Prompt Pirates\"\nmembers: [\"Tess Teammate\"]\n", markdown, StringComparison.Ordinal);
        Assert.Contains("tags: [\"chatgpt\",\"zendesk\"]\n", markdown, StringComparison.Ordinal);
        Assert.Contains("quarter: \"2026 Q4\"\n", markdown, StringComparison.Ordinal);
        Assert.Contains("reactions: {\"would_use\":1,\"try_this_week\":0,\"tried_already\":0,\"great_failure\":0}\n", markdown, StringComparison.Ordinal);
        Assert.EndsWith("---\n## What we tried\n\n| before | after |\n|---|---|\n| 2 h | 20 min |\n\n- [x] shared it\n", markdown, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", raw.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_keep_revisions_showing_who_changed_what_and_when()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        var id = await Board.BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "First title", tags: "chatgpt", body: "line one\nline two"));
        _app.Clock.Advance(TimeSpan.FromMinutes(30));

        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Title"] = "Second title", ["Tags"] = "chatgpt, excel", ["Body"] = "line one\nline 2" }, "form[data-board-form]");

        var page = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        var revision = page.One(".revisions li");
        Assert.Contains("12 Nov 2026, 10:30 UTC", revision.TextContent, StringComparison.Ordinal);
        Assert.Contains("edited by Tess Teammate", revision.TextContent, StringComparison.Ordinal);
        Assert.Contains("Title: “First title” → “Second title”", revision.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tools: chatgpt → chatgpt, excel", revision.TextContent, StringComparison.Ordinal);
        Assert.Equal(["line two"], revision.QuerySelectorAll(".diff-removed").Select(l => l.TextContent[2..].Trim()));
        Assert.Equal(["line 2"], revision.QuerySelectorAll(".diff-added").Select(l => l.TextContent[2..].Trim()));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_instance_then_export_gives_identical_files()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        var id = await Board.BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Émoji 🤖 and “quotes”",
            tags: "chatgpt, c#", body: "Line with \"quotes\", a colon: and a --- fence\n\n---\n\nTrailing spaces  "));
        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Body"] = "Edited body\nwith two lines" }, "form[data-board-form]");
        await scene.ReactAsync(scene.Bystander, id, "GreatFailure");
        await Board.BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        await scene.PostShareBackAsync(scene.Bystander, title: "Second one", tags: "", body: "Short");
        using var export = await scene.Organizer.Client.GetAsync("/archive/export.zip");
        var firstZip = await export.Content.ReadAsByteArrayAsync();

        using var other = new PlayDayApp();
        var admin = await Browser.RegisteredAsync(other, "Ima Importer");
        var imported = await ArchiveData.ImportAsync(admin, firstZip);
        using var again = await admin.Client.GetAsync("/archive/export.zip");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var before = ArchiveData.Files(firstZip);
        Assert.Equal(2, before.Count);
        Assert.Equal(before, ArchiveData.Files(await again.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2, await other.WithDbAsync(db => db.ShareBacks.CountAsync()));
        var search = await admin.GetPageAsync("/search?q=edited");
        Assert.Single(search.QuerySelectorAll(".search-results h3"));
    }

    [Fact]
    public async Task A_malformed_import_is_refused_with_a_report_and_changes_nothing()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var good = "---\ntitle: \"Fine\"\nteam: \"A\"\nmembers: []\nplay_day: \"Day\"\nplay_day_uid: \"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\"\nplay_day_date: \"2026-12-10\"\nplay_day_starts: \"13:00\"\nplay_day_ends: \"17:00\"\ntime_zone: \"Europe/Berlin\"\nquarter: \"2026 Q4\"\ntags: []\nposted_at: \"2026-12-10T15:00:00Z\"\nposted_by: \"Ada\"\nedited_at: null\nedited_by: null\nreactions: {}\n---\nBody\n";
        var zip = ArchiveData.Zip(("day/good.md", good), ("day/broken.md", "no front matter here"), ("day/bad-zone.md", good.Replace("Europe/Berlin", "Mars/Base", StringComparison.Ordinal)), ("notes.txt", "hello"));

        var response = await ArchiveData.ImportAsync(organizer, zip);
        var notZip = await ArchiveData.ImportAsync(organizer, Encoding.UTF8.GetBytes("definitely not a zip"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = (await Browser.ParseAsync(response)).QuerySelectorAll(".import-problems li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("day/broken.md: it does not start with front matter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("day/bad-zone.md: the play day's times: “Mars/Base” is not a time zone we know.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "notes.txt: not a Markdown (.md) file.");
        Assert.Contains("The file is not a zip archive.", (await Browser.ParseAsync(notZip)).One(".import-problems").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }

    [Fact]
    public async Task An_import_into_an_archive_that_has_share_backs_is_refused_and_participants_cannot_import()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        await scene.PostShareBackAsync(scene.TeamMember);
        using var export = await scene.Organizer.Client.GetAsync("/archive/export.zip");
        var zip = await export.Content.ReadAsByteArrayAsync();

        var response = await ArchiveData.ImportAsync(scene.Organizer, zip);
        var (participantStatus, _) = await scene.Bystander.GetAsync("/archive/import");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already holds 1 share-backs", (await Browser.ParseAsync(response)).One(".import-problems").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, participantStatus);
    }

    [Fact]
    public async Task A_play_day_export_holds_only_that_play_days_share_backs()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var q4 = await ArchiveData.PlayDayAsync(_app, organizer, "Q4 day", "2026-12-10");
        var q1 = await ArchiveData.PlayDayAsync(_app, organizer, "Q1 day", "2027-02-11");
        await ArchiveData.ShareBackAsync(_app, q4, "Pirates", "In Q4");
        await ArchiveData.ShareBackAsync(_app, q1, "Larks", "In Q1");

        using var response = await organizer.Client.GetAsync($"/playdays/{q4}/export.zip");

        var files = ArchiveData.Files(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["2026-12-10-q4-day/pirates.md"], files.Keys);
        Assert.Equal("2026-12-10-q4-day.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task A_missing_template_falls_back_to_the_built_in_one_with_a_warning()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["PlayDay:TemplatesDirectory"] = "/nonexistent/templates" })
            .WithLogging(logs);
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");

        var page = await organizer.GetPageAsync("/playdays/new");

        Assert.StartsWith("## The brief", page.One("textarea[name='Input.Brief']").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("playday.md", StringComparison.Ordinal) && m.Text.Contains("built-in", StringComparison.Ordinal));
    }
}
