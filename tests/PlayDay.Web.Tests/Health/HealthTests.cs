using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Health;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Health;

public sealed class HealthTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Healthz_is_200_when_the_database_reads_and_writes()
    {
        var (status, body) = await HealthAsync(_app.CreateBrowser());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Reads and writes succeed.", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Healthz_is_503_when_the_database_does_not_answer()
    {
        var client = _app.CreateBrowser();
        await HealthAsync(client);
        if (_app.OnSqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(_app.DataDirectory, "playday.db*"))
            {
                File.Delete(file);
            }
            await File.WriteAllTextAsync(_app.DatabasePath, "this is not a database, it is a note about one");
        }
        else
        {
            // On a server: the app's database is gone (its connections are ended with it).
            TestDatabaseServer.Current!.Drop(TestDatabaseServer.DatabaseName(_app.DataDirectory));
        }
        _app.Clock.Advance(TimeSpan.FromSeconds(10));

        var (status, body) = await HealthAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_reports_a_background_job_that_stopped_coming_round_as_stuck()
    {
        var heartbeats = _app.Services.GetRequiredService<JobHeartbeats>();
        heartbeats.Report("nightly-digest", TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(_app.CreateBrowser())).Status);

        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        var (status, body) = await HealthAsync(_app.CreateBrowser());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("Stuck: nightly-digest", body.GetProperty("checks").GetProperty("background-jobs").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "Sqlite")]
    public void A_full_database_is_recognised_as_storage_failing_not_as_a_bug()
    {
        using var directory = new TempDirectory();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "small.db")};Pooling=false");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (x TEXT); PRAGMA max_page_count = 3;";
        create.ExecuteNonQuery();
        using var fill = connection.CreateCommand();
        fill.CommandText = "INSERT INTO t VALUES (randomblob(4000))";

        var full = Assert.Throws<SqliteException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                fill.ExecuteNonQuery();
            }
        });

        Assert.Equal(13, full.SqliteErrorCode); // SQLITE_FULL
        Assert.True(CannotSave.IsStorageFailure(new DbUpdateException("save failed", full)));
        Assert.False(CannotSave.IsStorageFailure(new InvalidOperationException("a bug")));
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("playday-full-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>
/// Someone else holds the database locked while an organizer saves a new play day and healthz is asked; then the
/// lock goes. Done once; the tests look at what each step answered.
/// </summary>
public sealed class LockedDatabaseFixture : IAsyncLifetime
{
    public sealed record Answer(HttpStatusCode Status, string Heading, bool HasRetryAfter, string Body);

    private readonly string _directory = Directory.CreateTempSubdirectory("playday-locked-").FullName;

    public PlayDayApp App { get; private set; } = null!;

    public Browser Organizer { get; private set; } = null!;

    public Answer WriteWhileLocked { get; private set; } = null!;

    public Answer HealthWhileLocked { get; private set; } = null!;

    /// <summary>A reaction sent while locked: its "already there" race handling must not take a failing disk for a race.</summary>
    public Answer ReactionWhileLocked { get; private set; } = null!;

    public int ReactionsAfter { get; private set; }

    public async Task InitializeAsync()
    {
        App = new PlayDayApp(_directory, settings: new Dictionary<string, string>
        {
            // A locked database fails a write after 2 s instead of 30 s, to keep the test short.
            ["ConnectionStrings:PlayDay"] = $"Data Source={Path.Combine(_directory, "playday.db")};Default Timeout=2",
        });
        Organizer = await Browser.RegisteredAsync(App, "Olu Organizer");
        await Organizer.GetPageAsync("/playdays/new");
        var member = await Browser.RegisteredAsync(App, "Tess Teammate");
        var board = new BoardScene
        {
            App = App, Organizer = Organizer, TeamMember = member, Bystander = await Browser.RegisteredAsync(App, "Rey Reactor"),
            PlayDayId = await PlayDayForms.ScheduleAsync(Organizer),
        };
        await BoardScene.CreateTeamAsync(member, board.PlayDayId, "Prompt Pirates");
        var shareBackId = await BoardScene.ShareBackIdOf(await board.PostShareBackAsync(board.TeamMember));
        await board.Bystander.GetPageAsync(board.BoardUrl);
        await using var locker = new SqliteConnection($"Data Source={Path.Combine(_directory, "playday.db")};Pooling=false");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        App.Clock.Advance(TimeSpan.FromSeconds(10));

        using (var write = await Organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(title: "Saved while locked")))
        {
            var page = await Browser.ParseAsync(write);
            WriteWhileLocked = new Answer(write.StatusCode, page.QuerySelector("h1")?.TextContent.Trim() ?? "", write.Headers.RetryAfter is not null, "");
        }
        using (var health = await Organizer.Client.GetAsync("/healthz"))
        {
            HealthWhileLocked = new Answer(health.StatusCode, "", false, await health.Content.ReadAsStringAsync());
        }
        using (var reaction = await board.ReactAsync(board.Bystander, shareBackId, "WouldUse"))
        {
            ReactionWhileLocked = new Answer(reaction.StatusCode, "", reaction.Headers.RetryAfter is not null, await reaction.Content.ReadAsStringAsync());
        }

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        ReactionsAfter = await App.WithDbAsync(db => db.Reactions.CountAsync());
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>While the database is locked by someone else, writes answer "we cannot save right now", health says so, and nothing is half-saved.</summary>
[Trait("Database", "Sqlite")]
public sealed class StorageFailureTests(LockedDatabaseFixture locked) : IClassFixture<LockedDatabaseFixture>
{
    [Fact]
    public void A_write_to_a_locked_database_gets_a_503_that_says_so_and_when_to_retry()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.WriteWhileLocked.Status);
        Assert.Equal("We cannot save right now", locked.WriteWhileLocked.Heading);
        Assert.True(locked.WriteWhileLocked.HasRetryAfter);
    }

    [Fact]
    public void A_reaction_to_a_locked_database_gets_the_503_not_a_success_that_saved_nothing()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.ReactionWhileLocked.Status);
        Assert.True(locked.ReactionWhileLocked.HasRetryAfter);
        Assert.Equal(0, locked.ReactionsAfter);
    }

    [Fact]
    public void Healthz_says_a_locked_database_cannot_be_written()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.HealthWhileLocked.Status);
        Assert.Contains("cannot be written", locked.HealthWhileLocked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_of_a_refused_write_is_saved()
    {
        Assert.Equal(0, await locked.App.WithDbAsync(db => db.PlayDays.CountAsync(p => p.Title == "Saved while locked")));
    }

    [Fact]
    public async Task Once_the_lock_is_gone_healthz_is_200_and_saving_works()
    {
        using var health = await locked.Organizer.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await PlayDayForms.ScheduleAsync(locked.Organizer, PlayDayForms.Fields(title: "Saved after"));
    }
}

/// <summary>The real program, started as a process on storage it cannot write: it says why and exits cleanly.</summary>
[Trait("Database", "Sqlite")]
public sealed class UnwritableStartTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("playday-unwritable-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<(int ExitCode, string Output)> StartAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(PlayDayApp.RepositoryRoot, "src", "PlayDay.Web"),
        };
        start.ArgumentList.Add(typeof(PlayDay.Web.Data.PlayDayDbContext).Assembly.Location);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app kept running on storage it cannot write.");
        }
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_stops_the_start_with_a_reason_and_exit_code_78()
    {
        var notADirectory = Path.Combine(_directory.FullName, "a-file");
        await File.WriteAllTextAsync(notADirectory, "a file where the data directory should be");

        var (exitCode, output) = await StartAsync(new() { ["PlayDay__DataDirectory"] = Path.Combine(notADirectory, "data") });

        Assert.Equal(78, exitCode);
        Assert.Contains("PlayDay cannot start: its data directory", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_can_only_be_read_stops_the_start_with_a_reason_and_exit_code_78()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory.FullName, "data")).FullName;
        var (exitCode, output) = await StartAsync(new()
        {
            ["PlayDay__DataDirectory"] = data,
            ["ConnectionStrings__PlayDay"] = $"Data Source={Path.Combine(data, "playday.db")};Mode=ReadOnly",
        });

        Assert.Equal(78, exitCode);
        Assert.Contains("PlayDay cannot start: the database cannot be written or opened", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
