using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// What SQL Server refuses, or fails on later, checked on the SQL Server model without a server:
/// the rules come from SQL Server's documentation (CREATE TABLE's referential actions, the maximum
/// index key sizes), and the SQL Server database tests check the same against a real server
/// when one is at hand.
/// </summary>
public sealed partial class SqlServerModelTests
{
    /// <summary>
    /// SQL Server refuses a foreign key ("may cause cycles or multiple cascade paths") when the
    /// actions one DELETE sets off (CASCADE, SET NULL, SET DEFAULT) would reach some table twice or
    /// come back to where they started: from every table, the actions must form a tree.
    /// </summary>
    [Fact]
    public void No_delete_reaches_a_table_by_two_cascade_paths_or_comes_back_to_its_own()
    {
        using var context = ProviderContexts.Create(DatabaseProvider.SqlServer);
        var model = ProviderContexts.RelationalModel(context);

        var problems = new List<string>();
        foreach (var start in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var firstPath = new Dictionary<string, string>();
            Walk(start, start.Name, []);

            void Walk(ITable table, string path, HashSet<ITable> onPath)
            {
                onPath.Add(table);
                foreach (var key in table.ReferencingForeignKeyConstraints.Where(IsAction).OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    var next = $"{path} -> {key.Table.Name} ({key.Name}, {key.OnDeleteAction})";
                    if (onPath.Contains(key.Table))
                    {
                        problems.Add($"cycle: {next}");
                        continue;
                    }
                    if (firstPath.TryGetValue(key.Table.Name, out var earlier))
                    {
                        problems.Add($"two paths from {start.Name} to {key.Table.Name}: {earlier}  AND  {next}");
                        continue;
                    }
                    firstPath[key.Table.Name] = next;
                    Walk(key.Table, next, onPath);
                }
                onPath.Remove(table);
            }
        }

        Assert.True(problems.Count == 0,
            "SQL Server would refuse these foreign keys (set one key of each to a client-side action in SqlServerPlayDayDbContext.OnModelCreating):\n"
            + string.Join("\n", problems.Distinct()));
    }

    /// <summary>
    /// Where the SQL Server schema deletes less than SQLite's: each foreign key the SQL Server model
    /// leaves to the app, and why nothing is lost. A delete reaches every other table as on SQLite.
    /// </summary>
    [Fact]
    public void A_delete_on_SQL_Server_reaches_what_it_reaches_on_SQLite_but_for_the_keys_left_to_the_app()
    {
        using var sqlite = ProviderContexts.Create(DatabaseProvider.Sqlite);
        using var sqlServer = ProviderContexts.Create(DatabaseProvider.SqlServer);
        var onSqlite = Reached(ProviderContexts.RelationalModel(sqlite));
        var onSqlServer = Reached(ProviderContexts.RelationalModel(sqlServer));

        // ShareBacks.PlayDayId: every share-back belongs to a team of the same play day, and Teams.PlayDayId
        // cascades to the team and on to its share-back, so deleting a play day still deletes its share-backs.
        // Teams.RetestOfShareBackId: the app never deletes a share-back row (deleting one hides it), nor a team
        // or play day, so only a hand-made DELETE meets it; there SQL Server refuses where SQLite cleared the link.
        Assert.Equal(
            [
                "PlayDays: SetNull Teams",
                "ShareBacks: SetNull Teams",
                "Teams: SetNull Teams",
            ],
            onSqlite.Except(onSqlServer).Order(StringComparer.Ordinal));
        Assert.Empty(onSqlServer.Except(onSqlite));
    }

    /// <summary>What a delete in each table sets off: "Table: Cascade Dependent" or "Table: SetNull Dependent", over every path.</summary>
    private static HashSet<string> Reached(IRelationalModel model)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in model.Tables)
        {
            var seen = new HashSet<ITable>();
            var deleted = new Queue<ITable>([start]);
            while (deleted.TryDequeue(out var table))
            {
                if (!seen.Add(table))
                {
                    continue;
                }
                foreach (var key in table.ReferencingForeignKeyConstraints.Where(IsAction))
                {
                    reached.Add($"{start.Name}: {key.OnDeleteAction} {key.Table.Name}");
                    if (key.OnDeleteAction == ReferentialAction.Cascade)
                    {
                        deleted.Enqueue(key.Table);
                    }
                }
            }
        }
        return reached;
    }

    private static bool IsAction(IForeignKeyConstraint key) =>
        key.OnDeleteAction is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault;

    /// <summary>SQL Server refuses a foreign key whose columns differ in type or length from the key they point to.</summary>
    [Fact]
    public void Every_foreign_key_column_has_the_type_of_the_key_it_points_to()
    {
        using var context = ProviderContexts.Create(DatabaseProvider.SqlServer);

        var problems = ProviderContexts.RelationalModel(context).Tables.SelectMany(t => t.ForeignKeyConstraints)
            .SelectMany(key => key.Columns.Zip(key.PrincipalColumns)
                .Where(pair => pair.First.StoreType != pair.Second.StoreType)
                .Select(pair => $"{key.Name}: {key.Table.Name}.{pair.First.Name} is {pair.First.StoreType}, {key.PrincipalTable.Name}.{pair.Second.Name} is {pair.Second.StoreType}"))
            .ToList();

        Assert.True(problems.Count == 0, "Give these foreign key columns their key's length in the SQL Server model:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// SQL Server cannot use nvarchar(max), varbinary(max), text, ntext, image or xml columns as an
    /// index key (CREATE INDEX fails); a string key needs a length.
    /// </summary>
    [Fact]
    public void No_index_or_key_is_on_a_column_SQL_Server_cannot_index()
    {
        using var context = ProviderContexts.Create(DatabaseProvider.SqlServer);

        var problems = Keys(ProviderContexts.RelationalModel(context))
            .SelectMany(key => key.Columns.Where(c => !Indexable(c.StoreType)).Select(c => $"{key.Name}: {key.Table}.{c.Name} is {c.StoreType}"))
            .ToList();

        Assert.True(problems.Count == 0, "Give these columns a maximum length (HasMaxLength) so SQL Server can index them:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// SQL Server makes an index whose key could exceed 900 bytes (the clustered primary key) or
    /// 1,700 bytes (any other index) with only a warning, then refuses each insert whose key is longer.
    /// Every key here fits whatever the columns hold.
    /// </summary>
    [Fact]
    public void Every_index_key_fits_SQL_Servers_key_size_whatever_its_columns_hold()
    {
        using var context = ProviderContexts.Create(DatabaseProvider.SqlServer);

        var problems = Keys(ProviderContexts.RelationalModel(context))
            .Select(key => (Key: key, Bytes: key.Columns.Sum(c => MaxBytes(c.StoreType)), Limit: key.Clustered ? 900 : 1700))
            .Where(k => k.Bytes > k.Limit)
            .Select(k => $"{k.Key.Name} on {k.Key.Table} ({string.Join(", ", k.Key.Columns.Select(c => $"{c.Name} {c.StoreType}"))}): {k.Bytes} bytes, SQL Server allows {k.Limit}")
            .ToList();

        Assert.True(problems.Count == 0, "Shorten these keys' columns (HasMaxLength) in the SQL Server model:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// A unique index on SQL Server counts NULL as a value (two rows without one collide), unlike
    /// SQLite and PostgreSQL; EF filters such indexes to the rows that have values, which keeps the
    /// other databases' meaning.
    /// </summary>
    [Fact]
    public void Unique_indexes_on_nullable_columns_leave_out_the_rows_without_a_value()
    {
        using var context = ProviderContexts.Create(DatabaseProvider.SqlServer);
        var model = ProviderContexts.RelationalModel(context);

        var uniqueOnNullable = model.Tables.SelectMany(t => t.Indexes).Where(i => i.IsUnique && i.Columns.Any(c => c.IsNullable)).ToList();
        var unfiltered = uniqueOnNullable
            .Where(i => i.Columns.Where(c => c.IsNullable).Any(c => i.Filter?.Contains($"[{c.Name}] IS NOT NULL", StringComparison.Ordinal) != true))
            .Select(i => $"{i.Name} on {i.Table.Name}")
            .ToList();

        Assert.NotEmpty(uniqueOnNullable);
        Assert.True(unfiltered.Count == 0, "These unique indexes would let only one row have no value:\n" + string.Join("\n", unfiltered));
    }

    private sealed record Key(string Name, string Table, IReadOnlyList<IColumn> Columns, bool Clustered);

    /// <summary>Every primary key, unique constraint and index of the model, with whether SQL Server makes it clustered.</summary>
    private static IEnumerable<Key> Keys(IRelationalModel model)
    {
        foreach (var table in model.Tables)
        {
            // A primary key is clustered unless the model says otherwise (SQL Server's default, which EF keeps).
            if (table.PrimaryKey is { } primaryKey)
            {
                yield return new Key(primaryKey.Name, table.Name, primaryKey.Columns, primaryKey.MappedKeys.First().IsClustered() ?? true);
            }
            foreach (var unique in table.UniqueConstraints.Where(u => u != table.PrimaryKey))
            {
                yield return new Key(unique.Name, table.Name, unique.Columns, unique.MappedKeys.First().IsClustered() ?? false);
            }
            foreach (var index in table.Indexes)
            {
                yield return new Key(index.Name, table.Name, index.Columns, index.MappedIndexes.First().IsClustered() ?? false);
            }
        }
    }

    private static bool Indexable(string storeType) =>
        !storeType.Contains("(max)", StringComparison.OrdinalIgnoreCase) && storeType is not ("text" or "ntext" or "image" or "xml");

    /// <summary>The most bytes a value of <paramref name="storeType"/> takes in an index key (SQL Server's data type sizes).</summary>
    private static int MaxBytes(string storeType)
    {
        var match = StoreType().Match(storeType);
        var size = match.Groups["size"].Success ? int.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture) : 1;
        return match.Groups["type"].Value.ToLowerInvariant() switch
        {
            "nvarchar" or "nchar" => 2 * size,
            "varchar" or "char" or "varbinary" or "binary" => size,
            "bit" or "tinyint" => 1,
            "smallint" => 2,
            "date" => 3,
            "int" or "real" or "smalldatetime" => 4,
            "time" => 5,
            "bigint" or "float" or "datetime" or "datetime2" or "money" => 8,
            "datetimeoffset" => 10,
            "uniqueidentifier" => 16,
            "decimal" or "numeric" => size <= 9 ? 5 : size <= 19 ? 9 : size <= 28 ? 13 : 17,
            _ => throw new InvalidOperationException($"No key size known for {storeType}: add it here."),
        };
    }

    [GeneratedRegex(@"^(?<type>\w+)(\((?<size>\d+)(,\s*\d+)?\))?$")]
    private static partial Regex StoreType();
}
