using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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
public sealed class SqlServerPlayDayDbContext(DbContextOptions<SqlServerPlayDayDbContext> options) : PlayDayDbContext(options);

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
