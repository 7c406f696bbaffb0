using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// Migrations are made by `dotnet ef migrations add`, with a model snapshot: the model must have no
/// change the snapshot lacks, and the schema the migrations build (the early ones were written by
/// hand) must equal the schema EF builds straight from the model.
/// </summary>
[Trait("Database", "Sqlite")]
public sealed class MigrationsMatchModelTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("playday-schema-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private PlayDayDbContext Context(string file) => new(new DbContextOptionsBuilder<PlayDayDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_directory.FullName, file)}")
        .Options);

    [Fact]
    public async Task Migrations_applied_to_an_empty_database_give_exactly_the_schema_the_model_expects()
    {
        await using (var migrated = Context("migrated.db"))
        {
            await migrated.Database.MigrateAsync();
        }
        await using (var fromModel = Context("model.db"))
        {
            await fromModel.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaAsync("model.db");
        var actual = await SchemaAsync("migrated.db");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrations_add_the_full_text_index_and_the_triggers_that_keep_it_in_step()
    {
        await using var migrated = Context("fts.db");
        await migrated.Database.MigrateAsync();

        var objects = await migrated.Database.SqlQueryRaw<string>(
            "SELECT type || ' ' || name AS Value FROM sqlite_master WHERE name = 'ShareBackSearch' OR type = 'trigger' ORDER BY name").ToListAsync();

        Assert.Equal(["table ShareBackSearch", "trigger ShareBacks_search_delete", "trigger ShareBacks_search_insert", "trigger ShareBacks_search_update", "trigger Teams_search_rename"], objects);
    }

    /// <summary>
    /// Each provider has its own migrations and snapshot: a model change needs a migration for every one
    /// (compared without a database: the snapshot against the model EF builds for the provider).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_model_has_no_changes_the_providers_migrations_do_not_know_about(DatabaseProvider provider)
    {
        using var context = ProviderContexts.Create(provider);

        Assert.True(context.GetService<IMigrationsAssembly>().ModelSnapshot is not null, $"{provider} has no migrations.");
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: run `{ProviderContexts.MigrationsAddCommand(provider)}` in src/PlayDay.Web "
            + "(then move the new ModelSnapshot back beside the others if dotnet ef put it under src/PlayDay.Web/PlayDay/).");
    }

    [Fact]
    public async Task Upgrading_a_database_from_the_first_migration_keeps_every_row_and_gives_each_play_day_its_own_UID()
    {
        await using (var old = Context("upgrade.db"))
        {
            await old.GetService<IMigrator>().MigrateAsync("20261122000000_Initial");
            foreach (var title in new[] { "Spring", "Summer" })
            {
                await old.Database.ExecuteSqlAsync($"""
                    INSERT INTO PlayDays (Title, Brief, Date, StartTime, EndTime, TimeZoneId, StartsAtUtc, EndsAtUtc, ShareBackMinutes, CreatedAtUtc, CreatedBy)
                    VALUES ({title}, '', '2026-04-09', '13:00:00', '17:00:00', 'Europe/Berlin', '2026-04-09 11:00:00', '2026-04-09 15:00:00', 5, '2026-01-01 00:00:00', 'Maya')
                    """);
            }
            await old.Database.ExecuteSqlRawAsync("INSERT INTO PlayDayChanges (PlayDayId, ChangedAtUtc, ChangedBy, Summary) VALUES (1, '2026-02-01 00:00:00', 'Maya', 'Title changed')");
        }

        await using var upgraded = Context("upgrade.db");
        await upgraded.Database.MigrateAsync();

        var playDays = await upgraded.PlayDays.Include(p => p.Changes).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(["Spring", "Summer"], playDays.Select(p => p.Title));
        Assert.Equal("Title changed", Assert.Single(playDays[0].Changes).Summary);
        Assert.All(playDays, p => Assert.NotEqual(Guid.Empty, p.CalendarUid));
        Assert.All(playDays, p => Assert.Equal(4, p.CalendarUid.ToByteArray()[7] >> 4)); // version 4
        Assert.NotEqual(playDays[0].CalendarUid, playDays[1].CalendarUid);
        Assert.All(playDays, p => Assert.Equal(0, p.Sequence));
        Assert.Equal(new DateTime(2026, 4, 9, 11, 0, 0, DateTimeKind.Utc), playDays[0].StartsAtUtc);
    }

    /// <summary>Every table's columns (name, type, nullability, key), indexes and foreign keys, one line each.</summary>
    private async Task<List<string>> SchemaAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.FullName, file)}");
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '!_!_EF%' ESCAPE '!' AND name NOT LIKE 'ShareBackSearch%' ORDER BY name",
            r => r.GetString(0));
        foreach (var table in tables)
        {
            // Defaults are left out: a migration that adds a NOT NULL column gives it one for the rows already there.
            lines.AddRange(await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY name",
                r => $"{table} column {r.GetString(0)} {r.GetString(1)} notnull={r.GetInt32(2)} pk={r.GetInt32(3)}"));
            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}') ORDER BY name",
                r => (Name: r.GetString(0), Unique: r.GetInt32(1), Origin: r.GetString(2)));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.GetString(0));
                // Automatic indexes for keys are named by SQLite; name them by what they cover instead.
                var name = index.Origin == "c" ? index.Name : index.Origin;
                lines.Add($"{table} index {name} unique={index.Unique} ({string.Join(", ", columns)})");
            }
            lines.AddRange(await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"{table} foreign key {r.GetString(1)} -> {r.GetString(0)}.{r.GetString(2)} on delete {r.GetString(3)}"));
            var autoincrement = await QueryAsync(connection, $"SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE name = '{table}'", r => r.GetInt32(0));
            lines.Add($"{table} autoincrement={autoincrement.Single()}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
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
