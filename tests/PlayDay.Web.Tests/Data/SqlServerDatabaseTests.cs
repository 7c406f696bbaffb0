using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// What only a real SQL Server can tell (PLAYDAY_TEST_SQLSERVER=&lt;connection string&gt;; skipped without
/// one): that it accepts the schema the migrations and the idempotent script build, foreign keys,
/// key sizes and full-text index included.
/// </summary>
public sealed partial class SqlServerDatabaseTests
{
    [SqlServerFact]
    public async Task The_migrations_build_every_table_of_the_model_on_SQL_Server()
    {
        await using var database = await SqlServerTestDatabase.MigratedAsync();

        Assert.Empty(await database.Context.Database.GetPendingMigrationsAsync());
        Assert.Equal(ModelTables(database.Context), await TablesAsync(database.ConnectionString));
    }

    [SqlServerFact]
    public async Task The_idempotent_script_builds_the_same_schema_and_runs_again_without_changing_it()
    {
        await using var database = await SqlServerTestDatabase.EmptyAsync();
        var script = database.Context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        await RunScriptAsync(database.ConnectionString, script);
        var once = await TablesAsync(database.ConnectionString);
        await RunScriptAsync(database.ConnectionString, script);

        Assert.Equal(ModelTables(database.Context), once);
        Assert.Equal(once, await TablesAsync(database.ConnectionString));
        Assert.Empty(await database.Context.Database.GetPendingMigrationsAsync());
    }

    private static List<string> ModelTables(PlayDayDbContext context) =>
        [.. ProviderContexts.RelationalModel(context).Tables.Select(t => t.Name).Append("__EFMigrationsHistory").Order(StringComparer.Ordinal)];

    /// <summary>The user tables, as SQL Server lists them (the full-text index's own tables are internal).</summary>
    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand("SELECT name FROM sys.tables WHERE is_ms_shipped = 0", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        // Tables the migrations make by hand (full-text search) are not in the model.
        return [.. tables.Where(t => t != "ShareBackSearch").Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs a script as sqlcmd does: batch by batch, split at the GO lines.</summary>
    private static async Task RunScriptAsync(string connectionString, string script)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var batch in BatchSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            await using var command = new SqlCommand(batch, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSeparator();
}
