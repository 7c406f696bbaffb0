using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Health;
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
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_app.DataDirectory, "playday.db*"))
        {
            File.Delete(file);
        }
        await File.WriteAllTextAsync(_app.DatabasePath, "this is not a database, it is a note about one");
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

/// <summary>While the database is locked by someone else, writes answer "we cannot save right now", health says so, and nothing is half-saved.</summary>
public sealed class StorageFailureTests : IDisposable
{
    private readonly PlayDayApp _app;

    public StorageFailureTests()
    {
        var directory = Directory.CreateTempSubdirectory("playday-locked-").FullName;
        _directory = directory;
        _app = new PlayDayApp(directory, settings: new Dictionary<string, string>
        {
            // A locked database fails a write after 2 s instead of 30 s, to keep the test short.
            ["ConnectionStrings:PlayDay"] = $"Data Source={Path.Combine(directory, "playday.db")};Default Timeout=2",
        });
    }

    private readonly string _directory;

    public void Dispose()
    {
        _app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_locked_database_gets_a_clear_503_for_writes_an_unhealthy_healthz_and_recovers()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var form = await organizer.GetPageAsync("/playdays/new");
        await using var locker = new SqliteConnection($"Data Source={Path.Combine(_directory, "playday.db")};Pooling=false");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        _app.Clock.Advance(TimeSpan.FromSeconds(10));

        var write = await organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(title: "Saved while locked"));
        var page = await Browser.ParseAsync(write);
        using var health = await organizer.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.NotNull(write.Headers.RetryAfter);
        Assert.Equal("We cannot save right now", page.One("h1").TextContent.Trim());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("cannot be written", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        _app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync(p => p.Title == "Saved while locked")));
        using var healthAgain = await organizer.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthAgain.StatusCode);
        await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Saved after"));
    }
}

/// <summary>The real program, started as a process on storage it cannot write: it says why and exits cleanly.</summary>
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
