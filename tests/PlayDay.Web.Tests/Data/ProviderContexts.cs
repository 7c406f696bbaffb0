using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// The app's context for each provider, made as `dotnet ef` makes it (the design-time factories) or
/// over a SQLite file name that is never opened: what the model, migrations and query translation
/// need, without a server.
/// </summary>
internal static class ProviderContexts
{
    /// <summary>
    /// A real SQL Server to run the SQL Server tests on, when one is at hand:
    /// PLAYDAY_TEST_SQLSERVER=&lt;connection string&gt; (the login must be allowed to create databases).
    /// </summary>
    public const string SqlServerVariable = "PLAYDAY_TEST_SQLSERVER";

    public static string? SqlServerConnectionString =>
        Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } connectionString ? connectionString : null;

    public static PlayDayDbContext Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new PlayDayDbContext(new DbContextOptionsBuilder<PlayDayDbContext>().UseSqlite("Data Source=never-opened.db").Options),
        DatabaseProvider.PostgreSql => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
        DatabaseProvider.SqlServer => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The model with everything migrations see (the runtime model leaves design-time facets out).</summary>
    public static IRelationalModel RelationalModel(PlayDayDbContext context) =>
        context.GetService<IDesignTimeModel>().Model.GetRelationalModel();

    /// <summary>The dotnet ef command that makes <paramref name="provider"/>'s next migration (run in src/PlayDay.Web).</summary>
    public static string MigrationsAddCommand(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "dotnet ef migrations add <Name> --context PlayDayDbContext --output-dir Data/Migrations",
        DatabaseProvider.PostgreSql => "dotnet ef migrations add <Name> --context PostgreSqlPlayDayDbContext --output-dir Data/Migrations/PostgreSql --namespace PlayDay.Web.Data.Migrations.PostgreSql",
        DatabaseProvider.SqlServer => "dotnet ef migrations add <Name> --context SqlServerPlayDayDbContext --output-dir Data/Migrations/SqlServer --namespace PlayDay.Web.Data.Migrations.SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

/// <summary>
/// A database of its own on the SQL Server in <see cref="ProviderContexts.SqlServerVariable"/>, made for one
/// test and dropped after it.
/// </summary>
internal sealed class SqlServerTestDatabase : IAsyncDisposable
{
    private SqlServerTestDatabase()
    {
        var server = ProviderContexts.SqlServerConnectionString
            ?? throw new InvalidOperationException($"Set {ProviderContexts.SqlServerVariable} to run tests on SQL Server.");
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = $"playday_test_{Guid.NewGuid():N}" }.ConnectionString;
        Context = new SqlServerPlayDayDbContext(new DbContextOptionsBuilder<SqlServerPlayDayDbContext>().UseSqlServer(ConnectionString).Options);
    }

    public string ConnectionString { get; }

    public SqlServerPlayDayDbContext Context { get; }

    /// <summary>A database with nothing in it: where a script is run by hand.</summary>
    public static async Task<SqlServerTestDatabase> EmptyAsync()
    {
        var database = new SqlServerTestDatabase();
        await database.Context.GetService<IRelationalDatabaseCreator>().CreateAsync();
        return database;
    }

    /// <summary>A database the migrations built, as the app builds it at start.</summary>
    public static async Task<SqlServerTestDatabase> MigratedAsync()
    {
        var database = new SqlServerTestDatabase();
        await database.Context.Database.MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await Context.Database.EnsureDeletedAsync();
        await Context.DisposeAsync();
    }
}

/// <summary>A test that needs a real SQL Server: skipped, saying how to run it, unless <see cref="ProviderContexts.SqlServerVariable"/> is set.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (ProviderContexts.SqlServerConnectionString is null)
        {
            Skip = $"No SQL Server here: set {ProviderContexts.SqlServerVariable}=<connection string> to run it.";
        }
    }
}
