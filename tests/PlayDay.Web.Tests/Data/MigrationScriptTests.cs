using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// The scripts a database administrator runs instead of letting the app migrate: what
/// `dotnet ef migrations script --idempotent --context &lt;Context&gt;` writes, made here the way the tool
/// makes it (the design-time factory's context, its migrator, no connection opened). One test runs the
/// real tool once and compares, so the two cannot drift apart.
/// </summary>
public sealed class MigrationScriptTests
{
    private static string Script(DatabaseProvider provider)
    {
        using var context = ProviderContexts.Create(provider);
        return context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private static List<string> Tables(DatabaseProvider provider)
    {
        using var context = ProviderContexts.Create(provider);
        return ProviderContexts.RelationalModel(context).Tables.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "CREATE TABLE [{0}] (")]
    [InlineData(DatabaseProvider.PostgreSql, "CREATE TABLE \"{0}\" (")]
    public void The_script_creates_every_table_of_the_model(DatabaseProvider provider, string createTable)
    {
        var script = Script(provider);

        var missing = Tables(provider).Where(t => !script.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, createTable, t), StringComparison.Ordinal)).ToList();

        Assert.True(Tables(provider).Count > 30, "The model has its tables.");
        Assert.True(missing.Count == 0, $"The {provider} script does not create: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// Search on SQL Server uses a full-text index on ShareBackSearch, made by the SQL Server `Search`
    /// migration. SQL Server refuses CREATE FULLTEXT CATALOG and CREATE FULLTEXT INDEX inside a
    /// transaction, so the migration must run them outside one (suppressTransaction: true).
    /// </summary>
    [Fact]
    public void The_SQL_Server_script_makes_the_full_text_catalog_and_index_outside_a_transaction()
    {
        var lines = Script(DatabaseProvider.SqlServer).Split('\n').Select(l => l.Trim()).ToList();

        var inTransaction = false;
        var fullText = new List<(string Line, bool InTransaction)>();
        foreach (var line in lines)
        {
            if (line == "BEGIN TRANSACTION;")
            {
                inTransaction = true;
            }
            else if (line == "COMMIT;")
            {
                inTransaction = false;
            }
            else if (line.Contains("FULLTEXT", StringComparison.OrdinalIgnoreCase))
            {
                fullText.Add((line, inTransaction));
            }
        }

        Assert.True(fullText.Any(f => Regex.IsMatch(f.Line, @"CREATE\s+FULLTEXT\s+CATALOG\b", RegexOptions.IgnoreCase)),
            "The SQL Server script makes no full-text catalog (CREATE FULLTEXT CATALOG, in the SQL Server Search migration).");
        Assert.True(fullText.Any(f => Regex.IsMatch(f.Line, @"CREATE\s+FULLTEXT\s+INDEX\s+ON\s+(\[dbo\]\.)?\[ShareBackSearch\]", RegexOptions.IgnoreCase)),
            "The SQL Server script makes no full-text index on ShareBackSearch (CREATE FULLTEXT INDEX ON [ShareBackSearch], in the SQL Server Search migration).");
        Assert.All(fullText, f => Assert.False(f.InTransaction, $"Inside a transaction, which SQL Server refuses: {f.Line}"));
    }

    [Fact]
    public void The_SQL_Server_script_has_no_SQL_only_SQLite_or_PostgreSQL_understands()
    {
        // Identifiers are [bracketed] on SQL Server: a column's name is not SQL.
        var script = Regex.Replace(Script(DatabaseProvider.SqlServer), @"\[[^\]\r\n]*\]", "[]");

        var found = ForeignSql.SqliteOnly.Concat(ForeignSql.PostgreSqlOnly).SelectMany(f => f.FoundIn(script)).ToList();

        Assert.Contains("BEGIN TRANSACTION;", script, StringComparison.Ordinal);
        Assert.True(found.Count == 0, "Not SQL Server's SQL:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_PostgreSQL_script_has_no_SQL_only_SQLite_or_SQL_Server_understands()
    {
        // Identifiers are "quoted" on PostgreSQL: a column's name is not SQL.
        var script = Regex.Replace(Script(DatabaseProvider.PostgreSql), "\"[^\"\\r\\n]*\"", "\"\"");

        // PostgreSQL also concatenates with || and has row triggers, as SQLite does (the Search migration's triggers).
        var found = ForeignSql.SqliteOnly.Where(f => f.Name is not (ForeignSql.DoubleQuotedIdentifier or "|| concatenation" or "FOR EACH ROW")).Concat(ForeignSql.SqlServerOnly)
            .SelectMany(f => f.FoundIn(script)).ToList();

        Assert.Contains("START TRANSACTION;", script, StringComparison.Ordinal);
        Assert.True(found.Count == 0, "Not PostgreSQL's SQL:\n" + string.Join("\n", found));
    }

    /// <summary>The checks above can fail: each pattern finds what it is for.</summary>
    [Theory]
    [InlineData("CREATE TABLE \"Teams\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_Teams\" PRIMARY KEY AUTOINCREMENT);", "AUTOINCREMENT")]
    [InlineData("CREATE VIRTUAL TABLE ShareBackSearch USING fts5(Title);", "VIRTUAL TABLE")]
    [InlineData("SELECT value FROM json_each(@tags)", "json_each")]
    [InlineData("SELECT 1 WHERE instr(Title, 'x') > 0", "instr()")]
    [InlineData("SELECT Title || ' ' || Body", "|| concatenation")]
    [InlineData("PRAGMA journal_mode=WAL;", "PRAGMA")]
    [InlineData("ALTER TABLE [ShareBacks] ADD [Search] tsvector;", "tsvector")]
    [InlineData("SELECT 1 WHERE x @@ to_tsquery('simple', 'a')", "to_tsquery()")]
    [InlineData("SELECT [Id]::text", ":: cast")]
    [InlineData("WHERE [Title] ILIKE N'%a%'", "ILIKE")]
    [InlineData("INSERT INTO [Teams] DEFAULT VALUES RETURNING [Id];", "RETURNING")]
    [InlineData("[Id] integer GENERATED BY DEFAULT AS IDENTITY", "GENERATED AS IDENTITY")]
    [InlineData("CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN END $$ LANGUAGE plpgsql;", "dollar quoting")]
    [InlineData("[Id] int NOT NULL IDENTITY,", "T-SQL IDENTITY")]
    [InlineData("END;\nGO\n", "GO batch separator")]
    [InlineData("EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName])');", "EXEC")]
    [InlineData("\"Body\" nvarchar(max) NOT NULL", "SQL Server type")]
    [InlineData("CREATE TABLE \"Teams\" (\"Id\" integer)", ForeignSql.DoubleQuotedIdentifier)]
    public void Each_foreign_SQL_pattern_finds_what_it_is_for(string sql, string name)
    {
        var found = ForeignSql.SqliteOnly.Concat(ForeignSql.PostgreSqlOnly).Concat(ForeignSql.SqlServerOnly).Where(f => f.FoundIn(sql).Any()).Select(f => f.Name);

        Assert.Contains(name, found);
    }

    [Fact]
    public void An_identity_column_on_PostgreSQL_is_not_taken_for_SQL_Servers()
    {
        Assert.DoesNotContain(ForeignSql.SqlServerOnly, f => f.FoundIn("\"Id\" integer GENERATED BY DEFAULT AS IDENTITY,").Any());
    }

    /// <summary>
    /// The tool itself, once: `dotnet ef migrations script --idempotent --no-build` (about 3 s; with a
    /// build it would be a minute) writes exactly the script the tests above read.
    /// </summary>
    [Fact]
    public async Task The_dotnet_ef_tool_writes_the_same_SQL_Server_script()
    {
        var output = Path.Combine(Path.GetTempPath(), $"playday-sqlserver-{Guid.NewGuid():N}.sql");
        var configuration = typeof(PlayDayDbContext).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        try
        {
            await ExternalProcess.RunAsync("dotnet",
                ["ef", "migrations", "script", "--idempotent", "--no-build", "--configuration", configuration,
                 "--project", Path.Combine(PlayDayApp.RepositoryRoot, "src", "PlayDay.Web"), "--context", nameof(SqlServerPlayDayDbContext), "--output", output],
                seconds: 120, workingDirectory: PlayDayApp.RepositoryRoot);

            Assert.Equal(Script(DatabaseProvider.SqlServer), await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}

/// <summary>SQL that one database understands and the others do not, as patterns over a script.</summary>
internal sealed record ForeignSql(string Name, Regex Pattern)
{
    public const string DoubleQuotedIdentifier = "\"quoted\" identifier";

    public IEnumerable<string> FoundIn(string script) => Pattern.Matches(script).Select(m => $"{Name}: {Line(script, m.Index)}");

    private static string Line(string script, int at)
    {
        var start = script.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        var end = script.IndexOf('\n', at);
        return script[start..(end < 0 ? script.Length : end)].Trim();
    }

    private static ForeignSql Of(string name, string pattern) => new(name, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.Multiline));

    public static readonly IReadOnlyList<ForeignSql> SqliteOnly =
    [
        Of("AUTOINCREMENT", @"\bAUTOINCREMENT\b"),
        Of("PRAGMA", @"\bPRAGMA\b"),
        Of("fts5", @"\bfts[345]\b"),
        Of("VIRTUAL TABLE", @"\bVIRTUAL\s+TABLE\b"),
        Of("json_each", @"\bjson_each\b"),
        Of("instr()", @"\binstr\s*\("),
        Of("|| concatenation", @"\|\|"),
        Of(DoubleQuotedIdentifier, "\"[A-Za-z_][A-Za-z0-9_]*\""),
        Of("INSERT OR", @"\bINSERT\s+OR\s+(IGNORE|REPLACE)\b"),
        Of("strftime()", @"\bstrftime\s*\("),
        Of("WITHOUT ROWID", @"\bWITHOUT\s+ROWID\b"),
        Of("FOR EACH ROW", @"\bFOR\s+EACH\s+ROW\b"),
        Of("bm25()", @"\bbm25\s*\("),
    ];

    public static readonly IReadOnlyList<ForeignSql> PostgreSqlOnly =
    [
        Of("tsvector", @"\btsvector\b"),
        Of("to_tsquery()", @"\b(plain|phrase|websearch_)?to_tsquery\s*\("),
        Of("ts_rank()", @"\bts_(rank|rank_cd|headline)\s*\("),
        Of("SERIAL", @"\b(SMALL|BIG)?SERIAL\b"),
        Of(":: cast", "::"),
        Of("ILIKE", @"\bILIKE\b"),
        Of("RETURNING", @"\bRETURNING\b"),
        Of("GENERATED AS IDENTITY", @"\bGENERATED\s+(ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b"),
        Of("plpgsql", @"\bplpgsql\b"),
        Of("dollar quoting", @"\$[A-Za-z_]*\$"),
        Of("CREATE EXTENSION", @"\bCREATE\s+EXTENSION\b"),
        Of("START TRANSACTION", @"\bSTART\s+TRANSACTION\b"),
        Of("PostgreSQL type", @"\b(character\s+varying|timestamp\s+with(out)?\s+time\s+zone|boolean|bytea|jsonb|uuid)\b"),
        Of("GIN/GiST index", @"\bUSING\s+(gin|gist)\b"),
    ];

    public static readonly IReadOnlyList<ForeignSql> SqlServerOnly =
    [
        Of("[bracketed] identifier", @"\[[A-Za-z_][A-Za-z0-9_ ]*\]"),
        Of("GO batch separator", @"^\s*GO\s*$"),
        Of("N'' literal", @"(?<![\w'])N'"),
        // PostgreSQL's triggers EXECUTE FUNCTION.
        Of("EXEC", @"\bEXEC(UTE)?\b(?!\s+(FUNCTION|PROCEDURE)\b)"),
        Of("system procedure", @"\bsp_\w+"),
        Of("T-SQL variable", @"\bDECLARE\s+@"),
        Of("T-SQL IDENTITY", @"(?<!\bAS\s+)\bIDENTITY\b"),
        Of("SQL Server type", @"\b(nvarchar|nchar|datetime2|datetimeoffset|uniqueidentifier|varbinary)\b|\(max\)"),
        Of("SQL Server function", @"\b(OBJECT_ID|GETDATE|GETUTCDATE|SYSUTCDATETIME|NEWID|ISNULL|OPENJSON)\s*\("),
        Of("TOP", @"\bTOP\s*\("),
        Of("full-text", @"\b(FULLTEXT|CONTAINSTABLE|FREETEXTTABLE)\b"),
    ];
}
