using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Data;

public sealed class StartupTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("playday-startup-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    [Trait("Database", "Sqlite")]
    public async Task The_first_start_creates_the_database_file_in_WAL_mode()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        using var response = await app.CreateBrowser().GetAsync("/healthz");

        Assert.True(File.Exists(Path.Combine(_dataDirectory.FullName, "playday.db")));
        var mode = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
        Assert.Equal("wal", mode);
    }

    [Fact]
    [Trait("Database", "Sqlite")]
    public async Task Every_connection_waits_for_a_busy_writer_inside_SQLite_and_commits_to_the_log_without_a_sync_each()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        using var response = await app.CreateBrowser().GetAsync("/healthz");

        // Twice: the second connection comes from the pool and must be set up as well.
        for (var i = 0; i < 2; i++)
        {
            var (busyTimeout, synchronous, mode) = await app.WithDbAsync(async db => (
                await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync(),
                await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(),
                await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync()));

            // The connection string's Default Timeout (30 s), in milliseconds; NORMAL (1), which is safe because the log is on.
            Assert.Equal(30_000, busyTimeout);
            Assert.Equal(1, synchronous);
            Assert.Equal("wal", mode);
        }
    }

    [Fact]
    public async Task The_demo_seed_fills_an_empty_database_with_four_past_quarters_the_next_one_and_the_demo_accounts()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName, seedDemoData: true);
        var maya = new Browser(app.CreateBrowser());

        var signIn = await maya.SubmitAsync("/account/login", new() { ["Input.Email"] = "maya@playday.local", ["Input.Password"] = DemoData.Password });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var playDays = await app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.StartsAtUtc).ToListAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"], playDays.Select(p => p.Quarter.ToString()));
        Assert.Equal(4, playDays.Count(p => p.EndsAtUtc < now));
        Assert.True(playDays[^1].StartsAtUtc > now);
        Assert.Equal(3, await app.WithDbAsync(db => db.Users.CountAsync()));
        var home = await maya.GetPageAsync("/");
        Assert.Equal(playDays[^1].Title, home.One(".next-playday h3").TextContent.Trim());
        Assert.Equal(4, home.QuerySelectorAll("section[aria-labelledby='past-heading'] li").Length);
        Assert.True((await maya.GetAsync("/playdays/new")).Status == HttpStatusCode.OK, "Maya is the demo organizer");
        var board = await maya.GetPageAsync($"/playdays/{playDays[^1].Id}/board");
        Assert.Equal(["Sheet Happens", "Prompt Pirates", "Tone Keepers"], board.QuerySelectorAll(".queue-name").Select(e => e.TextContent.Trim()));
        // Past quarters have share-backs, wins and failures, for the archive and search to find.
        Assert.Equal(11, await app.WithDbAsync(db => db.ShareBacks.CountAsync()));
        Assert.NotEmpty((await maya.GetPageAsync("/search?q=prompting")).QuerySelectorAll(".search-results h3"));
        Assert.Equal(3, (await maya.GetPageAsync("/search?q=tag:copilot")).QuerySelectorAll(".search-results h3").Length);
    }

    [Fact]
    public async Task The_demo_seed_tells_what_became_of_past_discoveries_in_every_outcome_with_figures_adopters_a_question_and_a_retest()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName, seedDemoData: true);
        var sam = new Browser(app.CreateBrowser());
        await sam.SubmitAsync("/account/login", new() { ["Input.Email"] = "sam@playday.local", ["Input.Password"] = DemoData.Password });

        var shareBacks = await app.WithDbAsync(db => db.ShareBacks.Include(s => s.Team).ToListAsync());
        Assert.Equal(Enum.GetValues<Outcome>().Order(), shareBacks.Select(s => s.Outcome).Distinct().Order());
        Assert.Contains(shareBacks, s => s.Figures.MinutesSavedPerWeek > 0);
        Assert.True(await app.WithDbAsync(db => db.OutcomeUpdates.CountAsync()) > shareBacks.Count(s => s.Outcome != Outcome.Shared), "outcomes have a history");
        Assert.True(await app.WithDbAsync(db => db.Adoptions.CountAsync(a => a.Stage == AdoptionStage.UsingNow)) >= 3);
        Assert.True(await app.WithDbAsync(db => db.Questions.CountAsync(q => q.Answer != null)) >= 1);

        // A past play day's page is its recap: outcomes, figures, adopters, the export; no call to join.
        var playDays = await app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.StartsAtUtc).ToListAsync());
        var first = await sam.GetPageAsync($"/playdays/{playDays[0].Id}");
        Assert.NotNull(first.QuerySelector("[data-recap] [data-outcome-group='Spreading']"));
        Assert.Contains("Spreading to 2 teams", first.One("[data-recap]").TextContent);
        Assert.Contains("reported by the team", first.One("[data-recap]").TextContent);
        Assert.NotNull(first.QuerySelector($"a[href='/playdays/{playDays[0].Id}/export.zip']"));
        Assert.DoesNotContain("Join the call", first.Body!.TextContent);

        // The next one opens with last quarter's discoveries, the one that almost worked suggested for re-testing.
        var next = await sam.GetPageAsync($"/playdays/{playDays[^1].Id}");
        var lastQuarter = next.One("[data-last-quarter]");
        Assert.Contains(playDays[^2].Quarter.ToString(), lastQuarter.One("h2").TextContent);
        Assert.Equal(["Trying", "RetestNextQuarter", "Dropped", "Shared"], lastQuarter.QuerySelectorAll("[data-outcome-group]").Select(g => g.GetAttribute("data-outcome-group")));
        var inboxZero = shareBacks.Single(s => s.Team!.Name == "Inbox Zero");
        Assert.NotNull(lastQuarter.QuerySelector($"[data-suggestion='{inboxZero.Id}'] a[href*='retest={inboxZero.Id}']"));
        Assert.Contains("Tone Keepers", (await sam.GetPageAsync($"/sharebacks/{inboxZero.Id}")).One("[data-retested-by]").TextContent);
    }

    [Fact]
    public async Task The_demo_seed_runs_once_and_a_restart_keeps_every_row()
    {
        using (var first = new PlayDayApp(_dataDirectory.FullName, seedDemoData: true))
        {
            var organizer = new Browser(first.CreateBrowser());
            await organizer.SubmitAsync("/account/login", new() { ["Input.Email"] = "maya@playday.local", ["Input.Password"] = DemoData.Password });
            await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Extra", date: "2027-01-14"));
        }

        using var second = new PlayDayApp(_dataDirectory.FullName, seedDemoData: true);
        using var response = await second.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(6, await second.WithDbAsync(db => db.PlayDays.CountAsync()));
        Assert.Equal(3, await second.WithDbAsync(db => db.Users.CountAsync()));
        Assert.True(await second.WithDbAsync(db => db.PlayDays.AnyAsync(p => p.Title == "Extra")));
    }

    [Fact]
    public async Task The_demo_seed_never_touches_a_database_that_already_has_data()
    {
        using (var first = new PlayDayApp(_dataDirectory.FullName))
        {
            await Browser.RegisteredAsync(first, "Olu Organizer");
        }

        using var second = new PlayDayApp(_dataDirectory.FullName, seedDemoData: true);
        using var response = await second.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(0, await second.WithDbAsync(db => db.PlayDays.CountAsync()));
        Assert.Equal(["Olu Organizer"], await second.WithDbAsync(db => db.Users.Select(u => u.DisplayName).ToListAsync()));
    }
}
