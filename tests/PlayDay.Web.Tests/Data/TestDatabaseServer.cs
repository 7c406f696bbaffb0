using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// The database server the test apps run on instead of SQLite, when the environment names one:
/// <c>PLAYDAY_TEST_DATABASE=PostgreSQL</c> (a throwaway cluster, <see cref="PostgresServer"/>) or
/// <c>PLAYDAY_TEST_SQLSERVER=&lt;connection string&gt;</c> (a server someone runs; the login may create databases).
/// Each app gets a database of its own, named after its data directory, so apps on one directory (a restart,
/// two instances) share it.
/// </summary>
public abstract class TestDatabaseServer
{
    /// <summary>The server this test run uses, or null for SQLite files (the default).</summary>
    public static TestDatabaseServer? Current { get; } = FromEnvironment();

    /// <summary>The value of <c>Database:Provider</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>Creates <paramref name="database"/> when it is missing; the connection string of one app (its own pool).</summary>
    public abstract string Open(string database, string applicationName);

    /// <summary>Closes the idle pooled connections of one app's connection string.</summary>
    public abstract void Release(string connectionString);

    /// <summary>Drops <paramref name="database"/>, ending every connection to it.</summary>
    public abstract void Drop(string database);

    /// <summary>A database name for a data directory: the same directory always gets the same name.</summary>
    public static string DatabaseName(string dataDirectory) =>
        "playday_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];

    private static TestDatabaseServer? FromEnvironment()
    {
        var database = Environment.GetEnvironmentVariable("PLAYDAY_TEST_DATABASE")?.Trim() ?? "";
        var sqlServer = Environment.GetEnvironmentVariable("PLAYDAY_TEST_SQLSERVER");
        if (database.Length == 0)
        {
            return string.IsNullOrWhiteSpace(sqlServer) ? null : new SqlServerDatabases(sqlServer);
        }
        if (database.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (database.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresDatabases();
        }
        if (database.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(sqlServer)
                ? throw new InvalidOperationException("PLAYDAY_TEST_DATABASE=SqlServer needs PLAYDAY_TEST_SQLSERVER=<connection string> of a server whose login may create databases.")
                : new SqlServerDatabases(sqlServer);
        }
        throw new InvalidOperationException($"PLAYDAY_TEST_DATABASE='{database}' is not one of Sqlite, PostgreSQL, SqlServer.");
    }
}

/// <summary>Databases in the test process's own PostgreSQL cluster, each a copy of one migrated template.</summary>
public sealed class PostgresDatabases : TestDatabaseServer
{
    private const string Template = "playday_template";

    // Migrating once and copying the result makes a new database ready without the app's migrations doing any work.
    private readonly Lazy<string> _copyOfTemplate = new(MakeTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public override string Provider => "PostgreSQL";

    public override string Open(string database, string applicationName)
    {
        Create(database, _copyOfTemplate.Value);
        return PostgresServer.Instance.ConnectionString(database, applicationName);
    }

    public override void Release(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public override void Drop(string database) => Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    /// <summary>Makes the template; what CREATE DATABASE adds to copy it.</summary>
    private static string MakeTemplate()
    {
        Create(Template, copy: "");
        var connectionString = PostgresServer.Instance.ConnectionString(Template);
        using (var db = new PostgreSqlPlayDayDbContext(new DbContextOptionsBuilder<PostgreSqlPlayDayDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }
        // A database is copied only while nobody is connected to it.
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var connection = new NpgsqlConnection(PostgresServer.Instance.ConnectionString("postgres"));
        connection.Open();
        // FILE_COPY (PostgreSQL 15 on) copies the template's files as they are: for a small database faster than the default, a copy through the log.
        return $" TEMPLATE \"{Template}\"" + (connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : "");
    }

    private static void Create(string database, string copy)
    {
        try
        {
            Execute($"CREATE DATABASE \"{database}\"{copy}");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Made by the other app on the same data directory (a restart, a second instance).
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.Instance.ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>Databases on a SQL Server someone runs (<c>PLAYDAY_TEST_SQLSERVER</c>); the app migrates each one.</summary>
public sealed class SqlServerDatabases(string connectionString) : TestDatabaseServer
{
    public override string Provider => "SqlServer";

    public override string Open(string database, string applicationName)
    {
        try
        {
            Execute($"IF DB_ID(N'{database}') IS NULL CREATE DATABASE [{database}]");
        }
        catch (SqlException e) when (e.Number == 1801)
        {
            // Made by the other app on the same data directory.
        }
        return new SqlConnectionStringBuilder(connectionString) { InitialCatalog = database, ApplicationName = applicationName }.ConnectionString;
    }

    public override void Release(string connectionString)
    {
        using var connection = new SqlConnection(connectionString);
        SqlConnection.ClearPool(connection);
    }

    public override void Drop(string database) => Execute(
        $"IF DB_ID(N'{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END");

    private void Execute(string sql)
    {
        using var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ConnectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
