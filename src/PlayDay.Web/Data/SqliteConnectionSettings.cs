using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlayDay.Web.Data;

/// <summary>
/// Per-connection SQLite settings, applied each time EF opens a connection (pooled connections
/// included; two pragmas cost microseconds):
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the database locked waits inside SQLite, which
/// retries after 1, 2, 5, 10... ms. Without it Microsoft.Data.Sqlite sees SQLITE_BUSY and retries
/// itself after a blocking 150 ms sleep, so two writes meeting (a reaction and the board's numbered
/// announcement) cost one of them 150 ms or more, on a thread-pool thread.</item>
/// <item><c>synchronous=NORMAL</c>: in WAL mode a commit is appended to the log without an fsync
/// (the log is synced at checkpoints). The database stays consistent after a crash or power loss;
/// at worst the last transactions before a power loss are rolled back. SQLite's default (FULL)
/// syncs at every commit, and the write lock is held through that sync.</item>
/// <item><c>mmap_size</c> (1 GiB): the file is read through a memory map. A search touches thousands
/// of pages (the index's lists, a share-back row per match when filtering), and with SQLite's small
/// page cache each would otherwise be a read() call.</item>
/// </list>
/// The wait is as long as the connection's <c>Default Timeout</c> (30 s unless the connection
/// string says otherwise), as before.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Math.Max(sqlite.DefaultTimeout, 1) * 1000L}; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824;";
        command.ExecuteNonQuery();
    }
}
