using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// A database of every earlier version upgrades in place: filled with rows at that version (every
/// table, foreign keys honoured, values of the types the model reads), migrated to the newest, and
/// every row is still there and readable by today's model.
/// </summary>
[Trait("Database", "Sqlite")]
public sealed class MigrationUpgradeTests : IDisposable
{
    private const int RowsPerTable = 3;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("playday-upgrade-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    public static TheoryData<string> EarlierVersions()
    {
        using var context = Context(Path.Combine(Path.GetTempPath(), "playday-migrations-list.db"));
        var all = context.Database.GetMigrations().ToList();
        var data = new TheoryData<string>();
        foreach (var migration in all.SkipLast(1))
        {
            data.Add(migration);
        }
        return data;
    }

    private static PlayDayDbContext Context(string file) => new(new DbContextOptionsBuilder<PlayDayDbContext>().UseSqlite($"Data Source={file}").Options);

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task A_populated_database_of_an_earlier_version_upgrades_keeping_every_row(string version)
    {
        var file = Path.Combine(_directory.FullName, $"{version}.db");
        await using (var old = Context(file))
        {
            await old.GetService<IMigrator>().MigrateAsync(version);
        }
        var before = await FillAsync(file);

        await using var upgraded = Context(file);
        await upgraded.Database.MigrateAsync();

        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var tables = await TablesAsync(connection);
        foreach (var (table, rows) in before.Where(b => tables.Contains(b.Key)))
        {
            Assert.True(rows == await CountAsync(connection, table), $"{table} lost rows upgrading from {version}");
        }
        // Every entity the model knows reads back (types, conversions, query filters and all).
        foreach (var entity in upgraded.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var query = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(upgraded, null)!;
            await query.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        }
    }

    /// <summary>Puts <see cref="RowsPerTable"/> rows in every table, parents first; returns the count per table.</summary>
    private static async Task<Dictionary<string, int>> FillAsync(string file)
    {
        await using var model = Context(Path.Combine(Path.GetDirectoryName(file)!, "model-only.db"));
        await using var connection = new SqliteConnection($"Data Source={file};Foreign Keys=True");
        await connection.OpenAsync();
        var tables = (await TablesAsync(connection)).ToList();
        var foreignKeys = new Dictionary<string, List<(string Column, string Parent, string ParentColumn)>>();
        foreach (var table in tables)
        {
            foreignKeys[table] = await QueryAsync(connection, $"SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('{table}')",
                r => (r.GetString(0), r.GetString(1), r.GetString(2)));
        }
        var nullable = new HashSet<(string Table, string Column)>();
        foreach (var table in tables)
        {
            foreach (var column in await QueryAsync(connection, $"SELECT name FROM pragma_table_info('{table}') WHERE \"notnull\" = 0 AND pk = 0", r => r.GetString(0)))
            {
                nullable.Add((table, column));
            }
        }
        // Parents first; a cycle (a team re-testing a share-back of another team) is broken at a nullable key, left empty.
        var ordered = new List<string>();
        var leftEmpty = new HashSet<(string Table, string Column)>();
        while (ordered.Count < tables.Count)
        {
            bool Ready(string t, bool breakingCycle) => foreignKeys[t].All(fk => fk.Parent == t || ordered.Contains(fk.Parent) || (breakingCycle && nullable.Contains((t, fk.Column))));
            var next = tables.FirstOrDefault(t => !ordered.Contains(t) && Ready(t, false))
                ?? tables.First(t => !ordered.Contains(t) && Ready(t, true));
            foreach (var fk in foreignKeys[next].Where(fk => fk.Parent != next && !ordered.Contains(fk.Parent)))
            {
                leftEmpty.Add((next, fk.Column));
            }
            ordered.Add(next);
        }
        var counts = new Dictionary<string, int>();
        foreach (var table in ordered)
        {
            var columns = await QueryAsync(connection, $"SELECT name, type, pk FROM pragma_table_info('{table}')", r => (Name: r.GetString(0), Type: r.GetString(1), Key: r.GetInt32(2) > 0));
            for (var row = 1; row <= RowsPerTable; row++)
            {
                var values = new List<object>();
                foreach (var column in columns)
                {
                    var foreignKey = foreignKeys[table].FirstOrDefault(fk => fk.Column == column.Name);
                    values.Add(leftEmpty.Contains((table, column.Name)) ? DBNull.Value
                        : foreignKey.Parent is { } parent && parent != table
                        ? await ParentValueAsync(connection, parent, foreignKey.ParentColumn, row)
                        : Value(model.Model, table, column.Name, column.Type, row));
                }
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < values.Count; i++)
                {
                    insert.Parameters.AddWithValue($"@p{i}", values[i]);
                }
                await insert.ExecuteNonQueryAsync();
            }
            counts[table] = await CountAsync(connection, table);
        }
        return counts;
    }

    /// <summary>A value of the type today's model reads for the column (or of its SQLite type, for a column since dropped).</summary>
    private static object Value(IModel model, string table, string column, string sqliteType, int row)
    {
        var property = model.GetEntityTypes().Where(e => e.GetTableName() == table)
            .SelectMany(e => e.GetProperties()).FirstOrDefault(p => p.GetColumnName() == column);
        var type = Nullable.GetUnderlyingType(property?.ClrType ?? typeof(object)) ?? property?.ClrType;
        return type switch
        {
            _ when type == typeof(DateTime) => new DateTime(2026, 1, row, 10, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ when type == typeof(DateTimeOffset) => "2026-01-01 10:00:00+00:00",
            _ when type == typeof(DateOnly) => new DateOnly(2026, 1, row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ when type == typeof(TimeOnly) => new TimeOnly(9 + row, 0).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            _ when type == typeof(Guid) => Guid.NewGuid().ToString("D").ToUpperInvariant(),
            _ when type == typeof(bool) => 0,
            _ when type is { IsEnum: true } => Enum.GetValues(type).Cast<object>().Select(Convert.ToInt32).First(v => v > 0 || Enum.GetValues(type).Length == 1),
            _ when type == typeof(int) || type == typeof(long) => row,
            _ when type == typeof(string) && column.Contains("Email", StringComparison.Ordinal) => $"person{row}@example.test",
            _ when type == typeof(string) && column == "TimeZoneId" => "Europe/Berlin",
            _ when type == typeof(string) => $"{column} {row}",
            _ => sqliteType.StartsWith("INTEGER", StringComparison.Ordinal) ? row : $"{column} {row}",
        };
    }

    private static async Task<object> ParentValueAsync(SqliteConnection connection, string parent, string column, int row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{parent}\" ORDER BY rowid LIMIT 1 OFFSET {(row - 1) % RowsPerTable}";
        return await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{parent} has no row {row}.");
    }

    private static async Task<HashSet<string>> TablesAsync(SqliteConnection connection) =>
        (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '!_!_EF%' ESCAPE '!' AND name NOT LIKE 'ShareBackSearch%'",
            r => r.GetString(0))).ToHashSet(StringComparer.Ordinal);

    private static async Task<int> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
