using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

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
    public async Task A_card_shows_the_title_team_play_day_figures_tools_and_every_kind_of_reaction_live_and_imported()
    {
        var (organizer, id) = await ArrangeAsync();
        var shareBack = await ArchiveData.ShareBackAsync(_app, id, "Pirates", "Prompt library", tags: "chatgpt,copilot",
            postedAtUtc: new DateTime(2026, 12, 10, 14, 30, 0, DateTimeKind.Utc));
        await ArchiveData.ShareBackAsync(_app, id, "Others", "Another prompt");
        await _app.WithDbAsync(async db =>
        {
            var row = await db.ShareBacks.Include(s => s.Team).SingleAsync(s => s.Id == shareBack);
            var user = (await db.Users.FirstAsync()).Id;
            db.Reactions.AddRange(ReactionLabels.All.Select(kind => new Reaction { TeamId = row.TeamId, UserId = user, Kind = kind }));
            row.ImportedReactions = "WouldUse=2;GreatFailure=3";
            (row.MinutesPerWeekBefore, row.MinutesPerWeekAfter, row.PeopleUsingNewWay, row.PeopleDoingTask) = (45, 10, 3, 8);
            await db.SaveChangesAsync();
            return 0;
        });
        var expected = ReactionLabels.All.Select(kind => $"{ReactionLabels.Label(kind)}: {kind switch { ReactionKind.WouldUse => 3, ReactionKind.GreatFailure => 4, _ => 1 }}").ToList();

        foreach (var page in new[] { await SearchAsync(organizer, "library"), await organizer.GetPageAsync("/archive?team=Pirates") })
        {
            var card = page.One(".shareback-list article");
            Assert.Equal("Prompt library", card.One("h3").TextContent.Trim());
            Assert.Equal($"/sharebacks/{shareBack}", card.One("h3 a").GetAttribute("href"));
            Assert.Equal("45 → 10 minutes a week · 3 of 8 people who do the task use the new way", card.One(".figures").FirstChild!.TextContent.Trim());
            Assert.Contains("Pirates", card.QuerySelectorAll("p.muted")[0].TextContent, StringComparison.Ordinal);
            Assert.Equal($"/playdays/{id}", card.QuerySelector("p.muted a")!.GetAttribute("href"));
            Assert.Equal("2026 Q4", card.One(".quarter").TextContent);
            Assert.Equal("10 Dec 2026", card.One("time").TextContent);
            Assert.Equal(["chatgpt", "copilot"], card.QuerySelectorAll(".tag").Select(t => t.TextContent.Trim()));
            Assert.Equal(expected, card.QuerySelectorAll(".reaction-summary span").Select(r => r.TextContent.Trim()));
        }
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
        Assert.Equal(0, await _app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"ShareBackSearch\"").SingleAsync()));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_tag_match_above_a_team_match_above_a_body_match()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "Blimps", "Route planning", body: "Nothing here.");
        await ArchiveData.ShareBackAsync(_app, id, "A", "Invoice checks", body: "We let the zeppelin model read them.");
        await ArchiveData.ShareBackAsync(_app, id, "B", "Zeppelin rosters", body: "Nothing here.");
        await ArchiveData.ShareBackAsync(_app, id, "C", "Meeting notes", body: "Nothing here.", tags: "zeppelin");
        await ArchiveData.ShareBackAsync(_app, id, "Zeppelin crew", "Release notes", body: "Nothing here.");

        Assert.Equal(["Zeppelin rosters", "Meeting notes", "Release notes", "Invoice checks"], Titles(await SearchAsync(organizer, "zeppelin")));
    }

    [Fact]
    public async Task Short_common_words_are_searched_like_any_other()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Slides", body: "It is what it is: the deck writes itself.");
        await ArchiveData.ShareBackAsync(_app, id, "B", "Tickets", body: "What is it good for?");

        Assert.Equal(["Slides"], Titles(await SearchAsync(organizer, "\"it is what it is\"")));
        Assert.Equal(["Slides"], Titles(await SearchAsync(organizer, "the")));
    }

    [Fact]
    public async Task A_renamed_team_is_found_by_its_new_name_only()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "Night Owls", "Rota drafts");
        Assert.Equal(["Rota drafts"], Titles(await SearchAsync(organizer, "owls")));

        await _app.WithDbAsync(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.Name == "Night Owls");
            team.Name = "Early Larks";
            return await db.SaveChangesAsync();
        });

        Assert.Empty(Titles(await SearchAsync(organizer, "owls")));
        Assert.Equal(["Rota drafts"], Titles(await SearchAsync(organizer, "larks")));
    }

    [Fact]
    public async Task A_long_body_s_snippet_is_the_part_around_the_match_with_ellipses()
    {
        var (organizer, id) = await ArrangeAsync();
        var filler = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        await ArchiveData.ShareBackAsync(_app, id, "A", "Long story", body: $"{filler} then the spreadsheet broke {filler}");

        var snippet = (await SearchAsync(organizer, "spreadsheets")).One(".snippet");

        Assert.Equal("spreadsheet", snippet.One("mark").TextContent);
        Assert.StartsWith("…", snippet.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("…", snippet.TextContent.Trim(), StringComparison.Ordinal);
        Assert.InRange(snippet.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 10, 25);
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

    [Fact]
    public async Task A_common_word_and_a_tag_over_more_share_backs_than_SQLite_has_variables_answer_with_totals_and_a_page()
    {
        var (organizer, id) = await ArrangeAsync();
        // More than SQLite's 32,766 variables: a search that sent one parameter per match would fail.
        // Every fourth has copilot (and excel); the next has copilot-chat, a longer tag that must not count.
        await ManyShareBacksAsync(id, 33_000);

        var common = await SearchAsync(organizer, "prompt", page: 3);
        var tagged = await SearchAsync(organizer, "tag:copilot");
        var excluded = await SearchAsync(organizer, "prompt -excel");
        var archive = await organizer.GetPageAsync("/archive?tag=copilot");

        Assert.Contains("10,000+ results", common.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(10, Titles(common).Count);
        Assert.Contains("8,250 results", tagged.One(".result-count").TextContent, StringComparison.Ordinal);
        // Newest first: the last one inserted with the tag.
        Assert.Equal("Report number 32996", Titles(tagged)[0]);
        Assert.Contains("10,000+ results", excluded.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.All(Titles(excluded), t => Assert.NotEqual(0, int.Parse(t["Report number ".Length..], System.Globalization.CultureInfo.InvariantCulture) % 4));
        Assert.Contains("8,250 share-backs", archive.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(20, archive.QuerySelectorAll(".shareback-list h3").Length);
    }

    [Fact]
    public async Task Past_ten_thousand_results_the_count_says_so_and_a_page_past_the_last_counted_one_shows_the_last()
    {
        var (organizer, id) = await ArrangeAsync();
        await ManyShareBacksAsync(id, 10_050);

        var first = await SearchAsync(organizer, "prompt");
        var last = await SearchAsync(organizer, "prompt", page: 1_000);
        var beyond = await SearchAsync(organizer, "prompt", page: 5_000);

        Assert.Contains("10,000+ results", first.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(10, Titles(first).Count);
        Assert.Equal(10, first.QuerySelectorAll(".search-results .snippet mark").Length);
        Assert.Contains("Page 1000 of 1000", last.One(".pager").TextContent, StringComparison.Ordinal);
        Assert.Equal(10, Titles(last).Count);
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.Equal(Titles(last), Titles(beyond));
    }

    [Fact]
    public async Task A_common_word_with_a_filter_or_a_sort_and_a_tag_with_a_sort_keep_to_the_filter_and_the_order()
    {
        var (organizer, id) = await ArrangeAsync();
        await ManyShareBacksAsync(id, 2_000);
        await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Title == "Report number 7" || s.Title == "Report number 1500")
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Outcome, Outcome.Adopted)));

        var adopted = await organizer.GetPageAsync("/search?q=prompt&outcome=Adopted");
        var oldest = await organizer.GetPageAsync("/search?q=prompt&sort=oldest&p=2");
        var newestTagged = await organizer.GetPageAsync("/search?q=tag:copilot");
        var oldestTagged = await organizer.GetPageAsync("/search?q=tag:copilot&sort=oldest");
        var taggedWithout = await organizer.GetPageAsync("/search?q=tag:copilot+-excel");
        var archiveOldest = await organizer.GetPageAsync("/archive?tag=copilot&sort=oldest&p=2");

        Assert.Equal(["Report number 1500", "Report number 7"], Titles(adopted).Order(StringComparer.Ordinal));
        Assert.Contains("2 results", adopted.One(".result-count").TextContent, StringComparison.Ordinal);
        // Filtered pages are ranked in SQL and their snippets made afterwards: they still carry them.
        Assert.Equal(2, adopted.QuerySelectorAll(".search-results .snippet mark").Length);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Report number {i}"), Titles(oldest));
        Assert.Equal(["Report number 1996", "Report number 1992", "Report number 1988"], Titles(newestTagged).Take(3));
        Assert.Contains("500 results", newestTagged.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Report number 0", "Report number 4", "Report number 8"], Titles(oldestTagged).Take(3));
        Assert.Contains("0 results", taggedWithout.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(20, 20).Select(i => $"Report number {i * 4}"),
            archiveOldest.QuerySelectorAll(".shareback-list h3").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task The_filter_choices_follow_new_share_backs_and_renamed_play_days()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Meeting notes", tags: "chatgpt");
        var before = await organizer.GetPageAsync("/search");
        Assert.Equal(["chatgpt"], Options(before, "#filter-tool"));

        var earlier = await ArchiveData.PlayDayAsync(_app, organizer, title: "AI Play Day 2027 Q1", date: "2027-01-14");
        await ArchiveData.ShareBackAsync(_app, earlier, "B", "Invoice agent", tags: "n8n");
        await _app.WithDbAsync(async db =>
        {
            var playDay = await db.PlayDays.SingleAsync(p => p.Id == id);
            playDay.Title = "The Q4 play day";
            return await db.SaveChangesAsync();
        });

        var search = await organizer.GetPageAsync("/search");
        var archive = await organizer.GetPageAsync("/archive");
        Assert.Equal(["chatgpt", "n8n"], Options(search, "#filter-tool"));
        Assert.Equal(["2027 Q1", "2026 Q4"], Options(search, "#filter-quarter"));
        Assert.Equal(["AI Play Day 2027 Q1", "The Q4 play day"], archive.QuerySelectorAll("#filter-playday option").Skip(1).Select(o => o.TextContent.Trim()));
        Assert.Equal(["A", "B"], archive.QuerySelectorAll("#archive-teams option").Select(o => o.GetAttribute("value")));
    }

    private static List<string?> Options(IHtmlDocument page, string select) =>
        page.QuerySelectorAll($"{select} option").Skip(1).Select(o => o.GetAttribute("value")).ToList();

    /// <summary>
    /// <paramref name="count"/> share-backs, each with "prompt" in its body, posted a second apart
    /// ("Report number 0" first); every fourth tagged copilot and excel, the next copilot-chat.
    /// </summary>
    private async Task ManyShareBacksAsync(int playDayId, int count)
    {
        if (await _app.WithDbAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            // The same rows in two statements; the triggers index them as for any insert.
            await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Teams" ("PlayDayId", "Name", "Plan", "Ask", "QueueBand", "QueueOrder", "Skipped", "CreatedAtUtc", "CreatedBy")
                SELECT {0}, 'Team ' || i, '', 0, 1, i, false, timestamptz '2026-11-01 10:00:00+00', 'test' FROM generate_series(0, {1} - 1) i;
                INSERT INTO "ShareBacks" ("PlayDayId", "TeamId", "Title", "Tags", "Body", "PostedAtUtc", "PostedBy", "IdempotencyKey", "TeamMembers", "Version", "Outcome")
                SELECT {0}, t."Id", 'Report number ' || i, CASE i % 4 WHEN 0 THEN 'copilot,excel' WHEN 1 THEN 'copilot-chat' ELSE 'chatgpt' END,
                       'We wrote a prompt for the weekly report.', timestamptz '2026-11-01 10:00:00+00' + i * interval '1 second', 'Ada', gen_random_uuid(), 'Ada', 1, 0
                FROM generate_series(0, {1} - 1) i JOIN "Teams" t ON t."PlayDayId" = {0} AND t."Name" = 'Team ' || i;
                """, playDayId, count));
            return;
        }
        await using var connection = new SqliteConnection($"Data Source={_app.DatabasePath}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var team = connection.CreateCommand();
        team.CommandText = """
            INSERT INTO "Teams" ("PlayDayId", "Name", "Plan", "Ask", "QueueBand", "QueueOrder", "Skipped", "CreatedAtUtc", "CreatedBy")
            VALUES (@playDay, @name, '', 0, 1, @n, 0, '2026-11-01 10:00:00', 'test') RETURNING "Id"
            """;
        var shareBack = connection.CreateCommand();
        shareBack.CommandText = """
            INSERT INTO "ShareBacks" ("PlayDayId", "TeamId", "Title", "Tags", "Body", "PostedAtUtc", "PostedBy", "IdempotencyKey", "TeamMembers", "Version")
            VALUES (@playDay, @team, @title, @tags, 'We wrote a prompt for the weekly report.', @posted, 'Ada', @key, 'Ada', 1)
            """;
        var (playDay, name, n) = (team.Parameters.Add("@playDay", SqliteType.Integer), team.Parameters.Add("@name", SqliteType.Text), team.Parameters.Add("@n", SqliteType.Integer));
        var (sPlayDay, sTeam, title, tags, posted, key) = (shareBack.Parameters.Add("@playDay", SqliteType.Integer), shareBack.Parameters.Add("@team", SqliteType.Integer),
            shareBack.Parameters.Add("@title", SqliteType.Text), shareBack.Parameters.Add("@tags", SqliteType.Text), shareBack.Parameters.Add("@posted", SqliteType.Text), shareBack.Parameters.Add("@key", SqliteType.Text));
        for (var i = 0; i < count; i++)
        {
            (playDay.Value, name.Value, n.Value) = (playDayId, $"Team {i}", i);
            var teamId = (long)(await team.ExecuteScalarAsync())!;
            (sPlayDay.Value, sTeam.Value, title.Value) = (playDayId, teamId, $"Report number {i}");
            tags.Value = i % 4 == 0 ? "copilot,excel" : i % 4 == 1 ? "copilot-chat" : "chatgpt";
            posted.Value = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            key.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            await shareBack.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task The_share_back_template_s_headings_do_not_make_every_share_back_match()
    {
        var (organizer, id) = await ArrangeAsync();
        var template = await File.ReadAllTextAsync(Path.Combine(PlayDayApp.RepositoryRoot, "templates", "shareback.md"));
        await ArchiveData.ShareBackAsync(_app, id, "A", "Invoice matching", body: template.Replace("## What worked\n", "## What worked\n\nMatching invoices to orders.\n", StringComparison.Ordinal));
        await ArchiveData.ShareBackAsync(_app, id, "B", "Meeting minutes", body: "We tried three tools and what worked was the second.");

        Assert.Equal(["Meeting minutes"], Titles(await SearchAsync(organizer, "tried")));
        Assert.Equal(["Meeting minutes"], Titles(await SearchAsync(organizer, "worked")));
        Assert.Empty(Titles(await SearchAsync(organizer, "\"try it yourself\"")));
        Assert.Equal(["Invoice matching"], Titles(await SearchAsync(organizer, "invoices")));
    }

    [Fact]
    public async Task Snippets_are_text_without_markdown_syntax_and_html_stays_text()
    {
        var (organizer, id) = await ArrangeAsync();
        await ArchiveData.ShareBackAsync(_app, id, "A", "Ticket triage", body: """
            ## What we tried

            We asked **the model** to _sort_ `tickets` by [urgency](https://example.com/u) <b>fast</b>.

            | step | minutes |
            |---|---|
            | tickets | 30 |

            > tickets quoted
            - a tickets bullet
            """);

        var page = await SearchAsync(organizer, "tickets");

        var snippet = page.One(".snippet");
        var text = snippet.TextContent;
        Assert.Contains("mark", snippet.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("We asked the model to sort tickets by urgency <b>fast</b>.", text, StringComparison.Ordinal);
        foreach (var syntax in new[] { "##", "**", "`", "](", "|", "---", "> ", "- a" })
        {
            Assert.DoesNotContain(syntax, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("What we tried", text, StringComparison.Ordinal);
        Assert.Null(snippet.QuerySelector("b"));
    }

    [Fact]
    public async Task Outcome_reaction_quarter_and_tool_filters_narrow_search_and_archive()
    {
        var (organizer, id) = await ArrangeAsync();
        var earlier = await ArchiveData.PlayDayAsync(_app, organizer, title: "AI Play Day 2027 Q1", date: "2027-01-14");
        var adopted = await ArchiveData.ShareBackAsync(_app, id, "A", "Agent for invoices", tags: "copilot");
        var failure = await ArchiveData.ShareBackAsync(_app, id, "B", "Agent for travel", tags: "chatgpt");
        await ArchiveData.ShareBackAsync(_app, earlier, "C", "Agent for hiring", tags: "copilot");
        await _app.WithDbAsync(async db =>
        {
            await db.ShareBacks.Where(s => s.Id == adopted).ExecuteUpdateAsync(s => s.SetProperty(x => x.Outcome, Outcome.Adopted));
            await db.ShareBacks.Where(s => s.Id == failure).ExecuteUpdateAsync(s => s.SetProperty(x => x.ImportedReactions, "WouldUse=1;GreatFailure=2"));
            return 0;
        });

        Assert.Equal(["Agent for invoices"], Titles(await organizer.GetPageAsync("/search?q=agent&outcome=Adopted")));
        Assert.Equal(["Agent for travel"], Titles(await organizer.GetPageAsync("/search?q=agent&reaction=GreatFailure")));
        Assert.Equal(["Agent for hiring"], Titles(await organizer.GetPageAsync("/search?q=agent&quarter=2027-Q1")));
        Assert.Equal(["Agent for invoices"], Titles(await organizer.GetPageAsync("/search?q=agent&quarter=2026-Q4&tool=copilot")));
        Assert.Equal(["Agent for invoices", "Agent for hiring"], Titles(await organizer.GetPageAsync("/search?q=agent&tool=copilot&sort=oldest")));

        var archive = await organizer.GetPageAsync("/archive?outcome=adopted");
        Assert.Equal(["Agent for invoices"], archive.QuerySelectorAll(".shareback-list h3").Select(h => h.TextContent.Trim()));
        var reactions = await organizer.GetPageAsync("/archive?reaction=GreatFailure&quarter=2026-Q4");
        Assert.Equal(["Agent for travel"], reactions.QuerySelectorAll(".shareback-list h3").Select(h => h.TextContent.Trim()));
        var bad = await organizer.GetPageAsync("/search?q=agent&outcome=Famous&reaction=7");
        Assert.Contains("not an outcome", bad.One("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, bad.QuerySelectorAll(".search-results h3").Length);
    }
}
