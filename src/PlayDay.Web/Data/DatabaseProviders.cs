using Microsoft.AspNetCore.Identity;
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

/// <summary>
/// The model on SQL Server, with what SQL Server needs beyond the shared model (SqlServerModelTests checks
/// each rule); its migrations are in Data/Migrations/SqlServer.
/// </summary>
public sealed class SqlServerPlayDayDbContext(DbContextOptions<SqlServerPlayDayDbContext> options) : PlayDayDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQL Server refuses foreign keys that let one DELETE reach a table by two paths or come back to
        // where it started. A play day's share-backs are deleted with its teams (Teams cascade to their
        // share-back), so the direct key is left to EF; the app never deletes a share-back row, so the
        // re-test link that would loop back to Teams is cleared by EF, not the server.
        builder.Entity<ShareBack>().HasOne<PlayDayEvent>().WithMany().HasForeignKey(s => s.PlayDayId).OnDelete(DeleteBehavior.ClientCascade);
        builder.Entity<Team>().HasOne<ShareBack>().WithMany().HasForeignKey(t => t.RetestOfShareBackId).OnDelete(DeleteBehavior.ClientSetNull);

        // A clustered key (every primary key) holds at most 900 bytes: ids are GUID strings, login
        // providers and token names are short names (Identity's own limit for them is 128), and an
        // OpenID Connect subject is at most 255 characters. Foreign keys match their keys' lengths.
        const int IdLength = 128;
        builder.Entity<AppUser>().Property(u => u.Id).HasMaxLength(IdLength);
        builder.Entity<IdentityRole>().Property(r => r.Id).HasMaxLength(IdLength);
        builder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.Property(l => l.LoginProvider).HasMaxLength(128);
            login.Property(l => l.ProviderKey).HasMaxLength(255);
        });
        builder.Entity<IdentityUserToken<string>>(token =>
        {
            token.Property(t => t.LoginProvider).HasMaxLength(128);
            token.Property(t => t.Name).HasMaxLength(128);
        });
        builder.Entity<FollowedTag>().Property(f => f.UserId).HasMaxLength(IdLength);
        builder.Entity<Follower>().Property(f => f.UserId).HasMaxLength(IdLength);
        builder.Entity<Digest>().Property(d => d.UserId).HasMaxLength(IdLength);
        builder.Entity<PulseResponse>().Property(r => r.UserId).HasMaxLength(IdLength);

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

/// <summary>
/// SQLite's own, for `dotnet ef migrations add Name --context PlayDayDbContext`: the factory interface is covariant,
/// so without one of its own the tool would take a server's factory for the base context.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PlayDayDbContext>
{
    public PlayDayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlayDayDbContext>().UseSqlite("Data Source=design-time.db").Options);
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
