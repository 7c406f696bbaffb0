using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;

namespace PlayDay.Web.Data;

public static class DataSetup
{
    /// <summary>The one place that knows which database provider is in use ("Database:Provider").</summary>
    public static WebApplicationBuilder AddPlayDayData(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DataOptions.Section);
        builder.Services.Configure<DataOptions>(section);
        var dataDirectory = Path.GetFullPath(Path.Combine(
            builder.Environment.ContentRootPath, section.Get<DataOptions>()?.DataDirectory ?? new DataOptions().DataDirectory));
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // MigrateDatabaseAsync explains it and stops the start cleanly.
        }
        // Everyone else reads the resolved, absolute folder.
        builder.Services.PostConfigure<DataOptions>(options => options.DataDirectory = dataDirectory);

        var provider = Provider(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("PlayDay");
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"Database:Provider is {provider}: set ConnectionStrings:PlayDay to the server's connection string.");
        }
        // Each provider has its own migrations, made with `dotnet ef migrations add <Name> --context <Context>
        // --output-dir <Folder>` (SQLite: PlayDayDbContext, Data/Migrations; the servers: see DatabaseProviders.cs);
        // MigrationsMatchModelTests checks every provider's snapshot against the model.
        // Interceptors registered by other capabilities (e.g. the shared pages' eviction on writes) join every context.
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContext<PlayDayDbContext, PostgreSqlPlayDayDbContext>((services, options) => options.UseNpgsql(connectionString)
                    .AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContext<PlayDayDbContext, SqlServerPlayDayDbContext>((services, options) => options.UseSqlServer(connectionString)
                    .AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
                break;
            default:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    connectionString = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(dataDirectory, "playday.db"),
                        // Microsoft.Data.Sqlite retries a busy database until this many seconds have passed,
                        // so concurrent requests wait for the writer instead of failing with "database is locked".
                        DefaultTimeout = 30,
                    }.ToString();
                }
                builder.Services.AddDbContext<PlayDayDbContext>((services, options) => options.UseSqlite(connectionString)
                    .AddInterceptors(new SqliteConnectionSettings())
                    .AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
                break;
        }

        // The keys live in the database: sign-in cookies, antiforgery tokens and mailed links survive a restart and
        // work on every instance that shares the database. The fixed name makes instances agree wherever they run from.
        builder.Services.AddDataProtection().SetApplicationName("PlayDay").PersistKeysToDbContext<PlayDayDbContext>();
        return builder;
    }

    /// <summary>"Database:Provider": Sqlite (the default), PostgreSQL or SqlServer.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) => configuration["Database:Provider"]?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var name when name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSql,
        var name when name.Equals("SqlServer", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.SqlServer,
        var name => throw new InvalidOperationException($"Database:Provider '{name}' is not supported. Supported: Sqlite, PostgreSQL, SqlServer."),
    };

    /// <summary>
    /// Checks that the data directory can be written, applies migrations and switches SQLite to WAL.
    /// False (after saying why in the log) when the app cannot run on this storage: the caller then
    /// ends the process with a clean exit code instead of a crash.
    /// </summary>
    public static async Task<bool> MigrateDatabaseAsync(this WebApplication app)
    {
        var dataDirectory = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value.DataDirectory;
        if (WriteProblem(dataDirectory) is { } problem)
        {
            app.Logger.LogCritical("PlayDay cannot start: its data directory {DataDirectory} cannot be written ({Problem}). Give the app write access, free disk space, or set PlayDay:DataDirectory.",
                dataDirectory, problem);
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        try
        {
            if (db.Database.IsSqlite())
            {
                // Readers no longer block the writer; the mode is stored in the database file. Switched
                // before migrating, so that every write (the migrations' too) goes through the log, which
                // is what makes synchronous=NORMAL (SqliteConnectionSettings) safe.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            await db.Database.MigrateAsync();
        }
        catch (Exception e) when (Health.CannotSave.IsStorageFailure(e))
        {
            app.Logger.LogCritical("PlayDay cannot start: the database cannot be written or opened ({Problem}). Check the file's permissions and free disk space.",
                Health.CannotSave.Describe(e));
            return false;
        }
        return true;
    }

    /// <summary>Why nothing can be written to <paramref name="directory"/>, or null when a probe file can be written there.</summary>
    private static string? WriteProblem(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
