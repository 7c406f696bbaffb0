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
        Directory.CreateDirectory(dataDirectory);
        // Everyone else reads the resolved, absolute folder.
        builder.Services.PostConfigure<DataOptions>(options => options.DataDirectory = dataDirectory);

        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported. Supported: Sqlite.");
        }
        var connectionString = builder.Configuration.GetConnectionString("PlayDay");
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
        // Migrations are made with `dotnet ef migrations add <Name> --output-dir Data/Migrations`;
        // MigrationsMatchModelTests checks the model snapshot against the model.
        builder.Services.AddDbContext<PlayDayDbContext>(options => options.UseSqlite(connectionString));

        // Sign-in cookies survive a restart.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return builder;
    }

    /// <summary>Applies migrations, switches SQLite to WAL, then lets each capability prepare its data.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // Readers no longer block the writer; the mode is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
