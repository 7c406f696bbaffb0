using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace PlayDay.Web.Data;

/// <summary>Where the data lives ("Database:Provider"): SQLite in the data directory, or a company's database server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlPlayDayDbContext(DbContextOptions<PostgreSqlPlayDayDbContext> options) : PlayDayDbContext(options);

/// <summary>The model on SQL Server; its migrations are in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerPlayDayDbContext(DbContextOptions<SqlServerPlayDayDbContext> options) : PlayDayDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The Search migration's triggers keep the full-text table in step. EF must know of them: SQL Server
        // refuses an OUTPUT clause (which EF's inserts use to read new keys back) on a table with triggers.
        builder.Entity<ShareBack>().ToTable(table => table.HasTrigger(ShareBacksSearchTrigger));
        builder.Entity<Team>().ToTable(table => table.HasTrigger(TeamsSearchTrigger));
    }

    public const string ShareBacksSearchTrigger = "ShareBacks_search";
    public const string TeamsSearchTrigger = "Teams_search_rename";
}

/// <summary>
/// What `dotnet ef` uses to make and script a server's migrations: the model needs no server,
/// only the provider (`dotnet ef migrations add Name --context PostgreSqlPlayDayDbContext --output-dir Data/Migrations/PostgreSql`).
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPlayDayDbContext>
{
    public PostgreSqlPlayDayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPlayDayDbContext>().UseNpgsql("Host=localhost;Database=playday").Options);
}

/// <inheritdoc cref="PostgreSqlDesignTimeFactory"/>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPlayDayDbContext>
{
    public SqlServerPlayDayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPlayDayDbContext>().UseSqlServer("Server=localhost;Database=PlayDay;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Which database a context is on, for the few places whose SQL differs (search).</summary>
public static class DatabaseProviders
{
    public static DatabaseProvider Provider(this DatabaseFacade database) =>
        database.IsNpgsql() ? DatabaseProvider.PostgreSql : database.IsSqlServer() ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;
}

/// <summary>What each provider's errors mean for the app.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// True when a save failed on a unique key (or, on SQLite, any constraint): someone else made the
    /// same row first, which the caller treats as "already done". SQLite 19, PostgreSQL 23505, SQL Server 2601/2627.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
