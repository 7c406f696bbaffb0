using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Data;

namespace PlayDay.Web.Tests;

/// <summary>
/// The real app over a real SQLite file in a temporary data directory, with a fake clock
/// (<see cref="FakeTimeProvider"/>). When the environment names a database server
/// (<see cref="TestDatabaseServer"/>), the app runs on a database of its own there instead.
/// Pass <paramref name="dataDirectory"/> to start a second app on the same database (a restart).
/// </summary>
public sealed class PlayDayApp(string? dataDirectory = null, bool seedDemoData = false, DateTimeOffset? now = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private int? _port;

    static PlayDayApp()
    {
        // Hundreds of app instances start in one test run; file watchers for appsettings.json would
        // use up the machine's inotify instances (128 by default), so the tests do without them.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
    private ILoggerProvider? _logs;

    /// <summary>Also sends the app's log to <paramref name="provider"/> (call before the first request).</summary>
    public PlayDayApp WithLogging(ILoggerProvider provider)
    {
        _logs = provider;
        return this;
    }

    /// <summary>Serves over real loopback sockets (Kestrel) instead of the in-memory test server: for WebSockets and browsers.</summary>
    public static PlayDayApp WithRealServer(string? dataDirectory = null, DateTimeOffset? now = null, IReadOnlyDictionary<string, string>? settings = null,
        ILoggerProvider? logs = null, bool seedDemoData = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = new PlayDayApp(dataDirectory, seedDemoData, now, settings);
            if (logs is not null)
            {
                app.WithLogging(logs);
            }
            app._port = FreePort();
            app.UseKestrel(app._port.Value);
            try
            {
                app.StartServer();
                return app;
            }
            catch (Exception exception) when (attempt < 3 && exception is InvalidOperationException or IOException)
            {
                // Two rare races outside the app: another test took the free port before Kestrel bound it
                // (IOException), or the test host's entry-point interception, shared by every app the run builds
                // at once, handed this factory a host that had already started ("Addresses cannot be modified
                // after the server has started"). A fresh factory on a fresh port starts cleanly.
                app.Dispose();
            }
        }
    }

    public Uri BaseAddress => _port is { } port ? new Uri($"http://127.0.0.1:{port}") : new Uri("http://localhost");

    /// <summary>A browser-like client: its own cookie jar, no automatic redirects.</summary>
    public Browser NewBrowser()
    {
        if (_port is null)
        {
            return new Browser(CreateBrowser(), null);
        }
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        return new Browser(client, cookies);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Thursday 12 November 2026, 10:00 UTC: in 2026 Q4, before the Q4 demo play day.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDirectory = dataDirectory is null;

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("playday-test-").FullName;

    /// <summary>
    /// The app's clock: it stands still until a test sets or advances it, and its local zone is UTC.
    /// The one timer the app sets on it, the outbox's pause after a failed round, ends when a test
    /// advances the clock past it or when the app stops.
    /// </summary>
    public FakeTimeProvider Clock { get; } = NewClock(now ?? DefaultNow);

    private static FakeTimeProvider NewClock(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    public string DatabasePath => Path.Combine(DataDirectory, "playday.db");

    private static int _apps;

    // The app's connection string on a database server (each app its own pool, by application name); null on SQLite.
    private string? _serverConnectionString;

    /// <summary>True when the (started) app runs on SQLite, not on a database server.</summary>
    public bool OnSqlite => DataSetup.Provider(Services.GetRequiredService<IConfiguration>()) == DatabaseProvider.Sqlite;

    /// <summary>The settings that put another app on this (started) app's database: instances that share only the database.</summary>
    public IReadOnlyDictionary<string, string> DatabaseSettings => _serverConnectionString is { } connectionString
        ? new Dictionary<string, string> { ["Database:Provider"] = TestDatabaseServer.Current!.Provider, ["ConnectionStrings:PlayDay"] = connectionString }
        : new Dictionary<string, string> { ["ConnectionStrings:PlayDay"] = $"Data Source={DatabasePath};Default Timeout=30" };

    public const string PublicBaseUrl = "https://playday.example.test";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PlayDay:DataDirectory", DataDirectory);
        builder.UseSetting("PlayDay:SeedDemoData", seedDemoData ? "true" : "false");
        builder.UseSetting("PlayDay:TemplatesDirectory", Path.Combine(RepositoryRoot, "templates"));
        builder.UseSetting("Calendar:PublicBaseUrl", PublicBaseUrl);
        // Tests register and sign in many people from one address; the throttle tests set low limits of their own.
        builder.UseSetting("Accounts:SignInsPerMinute", "10000");
        builder.UseSetting("Accounts:RegistrationsPerMinute", "10000");
        builder.UseSetting("Accounts:LinkRequestsPerMinute", "10000");
        // Follow-up emails would appear whenever a worker's round met a test's moved clock; their tests turn them on.
        builder.UseSetting("FollowUps:Enabled", "false");
        // Digests likewise: their tests turn them on or run rounds themselves.
        builder.UseSetting("Following:Enabled", "false");
        // A test that names its own database keeps it.
        if (TestDatabaseServer.Current is { } server && settings?.Keys.Any(key => key.Equals("Database:Provider", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ConnectionStrings:PlayDay", StringComparison.OrdinalIgnoreCase)) != true)
        {
            _serverConnectionString = server.Open(TestDatabaseServer.DatabaseName(DataDirectory), $"playday-test-{Interlocked.Increment(ref _apps)}");
            builder.UseSetting("Database:Provider", server.Provider);
            builder.UseSetting("ConnectionStrings:PlayDay", _serverConnectionString);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (_logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="work"/> against the app's own DbContext, for arranging and checking rows.</summary>
    public async Task<T> WithDbAsync<T>(Func<PlayDayDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PlayDayDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _serverConnectionString is { } connectionString)
        {
            _serverConnectionString = null;
            TestDatabaseServer.Current!.Release(connectionString);
            if (_ownsDirectory)
            {
                TestDatabaseServer.Current.Drop(TestDatabaseServer.DatabaseName(DataDirectory));
            }
        }
        if (disposing && _ownsDirectory)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PlayDay.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("PlayDay.sln not found above the test output.");
    }
}
