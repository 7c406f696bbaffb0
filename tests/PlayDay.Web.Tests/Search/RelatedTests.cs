using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Search;

namespace PlayDay.Web.Tests.Search;

/// <summary>
/// "Has someone tried this already?" over HTTP, on the demo archive: what a team types finds the
/// past share-backs like it, wins and failures alike, each with its outcome and figures.
/// </summary>
public sealed class RelatedTests : IAsyncLifetime, IDisposable
{
    private readonly PlayDayApp _app = new(seedDemoData: true);
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.RegisteredAsync(_app, "Nia Newcomer", "nia@example.test");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private sealed record Related(string Title, string Href, string Outcome, string? Figures, string Line);

    private async Task<(IHtmlDocument Fragment, List<Related> Items)> AskAsync(string text, int? exclude = null)
    {
        var (status, fragment) = await _browser.GetAsync($"/search/related?text={Uri.EscapeDataString(text)}{(exclude is { } id ? $"&exclude={id}" : "")}");
        Assert.Equal(HttpStatusCode.OK, status);
        var items = fragment.QuerySelectorAll("[data-related-item]").Select(li => new Related(
            li.One("a").TextContent.Trim(),
            li.One("a").GetAttribute("href")!,
            li.One(".outcome").TextContent.Trim(),
            li.QuerySelector(".figures")?.TextContent.Trim(),
            li.TextContent)).ToList();
        return (fragment, items);
    }

    private static string? SummaryOf(IHtmlDocument fragment) => fragment.One("[data-related-result]").GetAttribute("data-summary");

    private Task<int> IdOfAsync(string title) => _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task A_plan_about_unit_tests_finds_the_share_back_about_unit_tests_first_with_a_link_to_its_permalink()
    {
        var id = await IdOfAsync("Copilot wrote our missing unit tests (and two wrong ones)");

        var (fragment, items) = await AskAsync("We want to see whether an assistant can write the unit tests our billing service never had, and which ones we should trust.");

        Assert.NotEmpty(items);
        Assert.Equal("Copilot wrote our missing unit tests (and two wrong ones)", items[0].Title);
        Assert.Equal($"/sharebacks/{id}", items[0].Href);
        Assert.Equal("Adopted", items[0].Outcome);
        Assert.True(items.Count <= RelatedShareBacks.Take);
        Assert.Equal(items.Count == 1 ? "1 related share-back" : $"{items.Count} related share-backs", SummaryOf(fragment));
    }

    [Fact]
    public async Task Wins_and_failures_both_appear_each_with_its_outcome_and_reported_figures()
    {
        var (_, items) = await AskAsync("Turn our meeting notes into follow-up emails and tickets automatically");

        var byTitle = items.ToDictionary(i => i.Title);
        Assert.Equal("Re-test next quarter", byTitle["Drafting follow-up emails: saved time, lost our tone"].Outcome);
        Assert.StartsWith("100 → 40 minutes a week", byTitle["Drafting follow-up emails: saved time, lost our tone"].Figures, StringComparison.Ordinal);
        Assert.Equal("Dropped", byTitle["An agent that files the follow-up tickets: blocked, and rightly"].Outcome);
        Assert.Null(byTitle["An agent that files the follow-up tickets: blocked, and rightly"].Figures);
        Assert.Equal("Trying", byTitle["Meeting notes to action items, automatically"].Outcome);
        Assert.StartsWith("100 → 25 minutes a week", byTitle["Meeting notes to action items, automatically"].Figures, StringComparison.Ordinal);
        Assert.Contains("Minute Takers", byTitle["Meeting notes to action items, automatically"].Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_share_back_being_edited_is_left_out_of_its_own_related_ones()
    {
        const string title = "Natural language to SQL: great for drafts, scary for joins";
        var id = await IdOfAsync(title);

        var (_, everyone) = await AskAsync($"{title}\ncopilot, sql");
        var (_, whileEditing) = await AskAsync($"{title}\ncopilot, sql", exclude: id);

        Assert.Equal(title, everyone[0].Title);
        Assert.DoesNotContain(whileEditing, i => i.Title == title);
        Assert.NotEmpty(whileEditing);
    }

    [Fact]
    public async Task A_deleted_share_back_is_never_related()
    {
        var id = await IdOfAsync("Slides from an outline: fast, and all the same");
        await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAtUtc, DateTime.UtcNow.AddDays(-1)).SetProperty(x => x.DeletedBy, "test")));

        var (_, items) = await AskAsync("slides from an outline in powerpoint");

        Assert.DoesNotContain(items, i => i.Href == $"/sharebacks/{id}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("we want to try it")]
    [InlineData("a b c 12 2026")]
    public async Task Text_without_a_meaningful_word_answers_an_empty_panel(string text)
    {
        var (fragment, items) = await AskAsync(text);

        Assert.Empty(items);
        Assert.Equal("", SummaryOf(fragment));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("a OR")]
    [InlineData("*")]
    [InlineData("tag:")]
    [InlineData("-")]
    [InlineData("-\"\"")]
    [InlineData("title : prompt*")]
    [InlineData("\") OR 1=1 --")]
    [InlineData("emails\u0000tickets")]
    [InlineData("^prompt NOT excel AND {title}")]
    public async Task Odd_text_is_read_as_plain_words_and_never_fails(string text)
    {
        var (fragment, _) = await AskAsync(text);

        Assert.NotNull(fragment.QuerySelector("[data-related-result]"));
    }

    [Fact]
    public async Task A_long_plan_with_its_words_far_apart_still_finds_the_share_back_it_shares_words_with()
    {
        var plan = string.Join(' ', Enumerable.Repeat("Our quarterly planning is slow and everybody dreads it.", 12)) + " Maybe the sales export clean-up could go faster.";
        Assert.True(plan.Length <= RelatedShareBacks.MaxTextLength);

        var (_, items) = await AskAsync(plan);

        Assert.Equal("Cleaning the sales export with prompts instead of formulas", items[0].Title);
    }

    [Fact]
    public async Task Overlong_text_and_an_unreadable_exclude_get_400_with_the_reason()
    {
        var (tooLong, tooLongPage) = await _browser.GetAsync($"/search/related?text={new string('x', RelatedShareBacks.MaxTextLength + 1)}");
        var (badExclude, badExcludePage) = await _browser.GetAsync("/search/related?text=unit+tests&exclude=abc");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains($"at most {RelatedShareBacks.MaxTextLength} characters", tooLongPage.One("[data-related-problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badExclude);
        Assert.Contains("number of a share-back", badExcludePage.One("[data-related-problem]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in()
    {
        using var response = await _app.NewBrowser().Client.GetAsync("/search/related?text=unit+tests");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?", response.LocationPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_form_the_compose_form_and_the_edit_page_carry_the_panel_hidden_until_its_script_runs()
    {
        var next = await _app.WithDbAsync(db => db.PlayDays.OrderByDescending(p => p.StartsAtUtc).Select(p => p.Id).FirstAsync());

        var teams = await _browser.GetPageAsync($"/playdays/{next}/teams");

        var panel = teams.One("[data-related]");
        Assert.True(panel.HasAttribute("hidden"));
        Assert.Equal("Input_Plan", panel.GetAttribute("data-related-sources"));
        Assert.NotNull(teams.GetElementById("Input_Plan"));
        Assert.Equal("Has someone tried this already?", teams.One("#" + panel.GetAttribute("aria-labelledby")).TextContent.Trim());
        Assert.Equal("polite", panel.One("[data-related-status]").GetAttribute("aria-live"));
    }

    [Fact]
    public async Task The_edit_page_and_the_boards_compose_form_carry_the_panel_over_title_and_tools_and_the_edit_page_leaves_its_share_back_out()
    {
        var organizer = _app.NewBrowser();
        var signIn = await organizer.SubmitAsync("/account/login", new() { ["Input.Email"] = "maya@playday.local", ["Input.Password"] = "PlayDay-demo-1" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var id = await IdOfAsync("Natural language to SQL: great for drafts, scary for joins");
        var teamId = await _app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Tone Keepers").Select(t => new { t.Id, t.PlayDayId }).SingleAsync());

        var edit = await organizer.GetPageAsync($"/sharebacks/{id}/edit");
        var board = await organizer.GetPageAsync($"/playdays/{teamId.PlayDayId}/board");

        var onEdit = edit.One("[data-related]");
        Assert.Equal("Input_Title Input_Tags", onEdit.GetAttribute("data-related-sources"));
        Assert.Equal($"{id}", onEdit.GetAttribute("data-related-exclude"));
        Assert.NotNull(edit.GetElementById("Input_Title"));
        Assert.NotNull(edit.GetElementById("Input_Tags"));
        var onBoard = board.One(".compose-panel [data-related]");
        Assert.Equal("compose-title compose-tags", onBoard.GetAttribute("data-related-sources"));
        Assert.Equal("", onBoard.GetAttribute("data-related-exclude") ?? "");
        Assert.NotNull(board.GetElementById("compose-title"));
    }

    [Fact]
    public void Terms_are_the_meaningful_words_once_each_without_stop_words_or_short_ones()
    {
        Assert.Equal(["copilot", "unit", "tests", "invoicing"],
            RelatedShareBacks.Terms("We want to try Copilot for unit tests, and AI: \"unit tests\" for -invoicing in 2026, tag:x"));
        Assert.Equal("\"copilot\" OR \"unit\"", RelatedShareBacks.Match(["copilot", "unit"]));
        Assert.Null(RelatedShareBacks.Match([]));
    }
}

/// <summary>Words in half or more of the share-backs weigh nothing in bm25, so they are left out before ranking.</summary>
public sealed class RelatedCommonWordsTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<List<string>> TitlesAsync(Browser browser, string text)
    {
        var (status, fragment) = await browser.GetAsync($"/search/related?text={Uri.EscapeDataString(text)}");
        Assert.Equal(HttpStatusCode.OK, status);
        return fragment.QuerySelectorAll("[data-related-item] a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task A_word_most_share_backs_have_does_not_crowd_out_the_one_that_shares_a_rare_word()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await Archive.ArchiveData.PlayDayAsync(_app, organizer);
        for (var i = 0; i < 6; i++)
        {
            await Archive.ArchiveData.ShareBackAsync(_app, id, $"Team {i}", $"Spreadsheet clean-up number {i}", body: "A spreadsheet, a spreadsheet, and more spreadsheet formulas.");
        }
        await Archive.ArchiveData.ShareBackAsync(_app, id, "Pivots", "Pivot tables explained", body: "One pivot table, explained by an assistant.");

        var rareFirst = await TitlesAsync(organizer, "Spreadsheet formulas and a pivot table for the spreadsheet");
        var onlyCommon = await TitlesAsync(organizer, "spreadsheet formulas");

        Assert.Equal("Pivot tables explained", rareFirst[0]);
        Assert.NotEmpty(onlyCommon);
        Assert.DoesNotContain("Pivot tables explained", onlyCommon);
    }
}
