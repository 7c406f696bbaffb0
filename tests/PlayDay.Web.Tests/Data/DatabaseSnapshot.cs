using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// A copy of a running app's whole database, put back as often as a test needs the same world again:
/// on SQLite with the backup API into a file beside it, on a database server as copies of every table in
/// a schema of their own (put back in one transaction, so the app sees the old world or the new one).
/// </summary>
public sealed class DatabaseSnapshot
{
    private const string Schema = "playday_snapshot";

    private readonly PlayDayApp _app;
    private readonly IReadOnlyList<Table> _tables;

    /// <summary>A table of the app's schema and the columns a copy fills (not the ones the database computes).</summary>
    private sealed record Table(string Name, string Columns, bool HasIdentity);

    private DatabaseSnapshot(PlayDayApp app, IReadOnlyList<Table> tables)
    {
        _app = app;
        _tables = tables;
    }

    private string SqlitePath => Path.Combine(_app.DataDirectory, "snapshot.db");

    public static async Task<DatabaseSnapshot> TakeAsync(PlayDayApp app)
    {
        if (app.OnSqlite)
        {
            var sqlite = new DatabaseSnapshot(app, []);
            await CopySqliteAsync(from: app.DatabasePath, to: sqlite.SqlitePath);
            return sqlite;
        }
        var tables = await app.WithDbAsync(async db =>
        {
            var tables = await ReadAsync(db, db.Database.IsNpgsql()
                ? """
                  SELECT quote_ident(c.table_name), string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position), false
                  FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                  WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
                  GROUP BY c.table_name
                  """
                : """
                  SELECT QUOTENAME(t.name), STRING_AGG(QUOTENAME(c.name), ', ') WITHIN GROUP (ORDER BY c.column_id), CAST(MAX(CAST(c.is_identity AS int)) AS bit)
                  FROM sys.tables t JOIN sys.columns c ON c.object_id = t.object_id
                  WHERE SCHEMA_NAME(t.schema_id) = 'dbo' AND c.is_computed = 0 AND TYPE_NAME(c.system_type_id) <> 'timestamp'
                  GROUP BY t.name
                  """);
            var copies = db.Database.IsNpgsql()
                ? $"DROP SCHEMA IF EXISTS {Schema} CASCADE; CREATE SCHEMA {Schema}; "
                  + string.Concat(tables.Select(t => $"CREATE TABLE {Schema}.{t.Name} AS SELECT {t.Columns} FROM public.{t.Name}; "))
                : $"EXEC('CREATE SCHEMA {Schema}'); "
                  + string.Concat(tables.Select(t => $"SELECT {t.Columns} INTO {Schema}.{t.Name} FROM dbo.{t.Name}; "));
            await db.Database.ExecuteSqlRawAsync(copies);
            return tables;
        });
        return new DatabaseSnapshot(app, tables);
    }

    /// <summary>Puts the database back to the world as it was taken (every write since undone).</summary>
    public async Task RestoreAsync()
    {
        if (_app.OnSqlite)
        {
            await CopySqliteAsync(from: SqlitePath, to: _app.DatabasePath);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _app.WithDbAsync(async db =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? PostgresRestore() : SqlServerRestore());
                    await transaction.CommitAsync();
                    return 0;
                });
                return;
            }
            catch (DbException e) when (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } or SqlException { Number: 1205 } && attempt < 20)
            {
                // A background job of the app (the outbox) wrote at the same moment; its transaction won.
            }
        }
    }

    // Triggers (foreign keys among them) stay off while the rows go back: every table is refilled in one go.
    // DELETE, not TRUNCATE: the tables are small, and TRUNCATE makes new files for every table and index.
    private string PostgresRestore() =>
        "SET LOCAL session_replication_role = replica; "
        + string.Concat(_tables.Select(t => $"DELETE FROM public.{t.Name}; "))
        + string.Concat(_tables.Select(t => $"INSERT INTO public.{t.Name} ({t.Columns}) OVERRIDING SYSTEM VALUE SELECT {t.Columns} FROM {Schema}.{t.Name}; "));

    private string SqlServerRestore() =>
        string.Concat(_tables.Select(t => $"ALTER TABLE dbo.{t.Name} NOCHECK CONSTRAINT ALL; DISABLE TRIGGER ALL ON dbo.{t.Name}; "))
        + string.Concat(_tables.Select(t => $"DELETE FROM dbo.{t.Name}; "))
        + string.Concat(_tables.Select(t => t.HasIdentity
            ? $"SET IDENTITY_INSERT dbo.{t.Name} ON; INSERT INTO dbo.{t.Name} ({t.Columns}) SELECT {t.Columns} FROM {Schema}.{t.Name}; SET IDENTITY_INSERT dbo.{t.Name} OFF; "
            : $"INSERT INTO dbo.{t.Name} ({t.Columns}) SELECT {t.Columns} FROM {Schema}.{t.Name}; "))
        + string.Concat(_tables.Select(t => $"ALTER TABLE dbo.{t.Name} WITH CHECK CHECK CONSTRAINT ALL; ENABLE TRIGGER ALL ON dbo.{t.Name}; "));

    private static async Task<List<Table>> ReadAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var tables = new List<Table>();
            while (await reader.ReadAsync())
            {
                tables.Add(new Table(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
            return tables;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopySqliteAsync(string from, string to)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var source = new SqliteConnection($"Data Source={from};Pooling=false;Default Timeout=30");
                await using var target = new SqliteConnection($"Data Source={to};Pooling=false;Default Timeout=30");
                await source.OpenAsync();
                await target.OpenAsync();
                source.BackupDatabase(target);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 20)
            {
                // The outbox may be writing a mail a cell queued; wait for it.
                await Task.Delay(50);
            }
        }
    }
}
