using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Data;

namespace PlayDay.Web.Tests.Board;

/// <summary>
/// Every board query (the named ones on the board's types: what a screen loads, the hub, the write
/// paths' lookups) compiles to each database server's SQL without a server (ToQueryString), and runs
/// on a real SQL Server when PLAYDAY_TEST_SQLSERVER names one. SQLite runs them in every board test.
/// </summary>
public sealed class BoardQueryTests
{
    private sealed record BoardQuery(Func<PlayDayDbContext, string> Sql, Func<PlayDayDbContext, Task> RunAsync);

    private static BoardQuery Of<T>(Func<PlayDayDbContext, IQueryable<T>> query) =>
        new(db => query(db).ToQueryString(), async db => await query(db).ToListAsync());

    private static readonly Dictionary<string, BoardQuery> Queries = new()
    {
        ["BoardStates.Stamp"] = Of(db => BoardStates.Stamp(db, 1)),
        ["BoardStates.Session"] = Of(db => BoardStates.Session(db, 1)),
        ["BoardStates.SequenceOf"] = Of(db => BoardStates.SequenceOf(db, 1)),
        ["BoardStates.Teams"] = Of(db => BoardStates.Teams(db, 1)),
        ["BoardStates.ShareBacks"] = Of(db => BoardStates.ShareBacks(db, 1)),
        ["BoardStates.ShareBackOf"] = Of(db => BoardStates.ShareBackOf(db, 1)),
        ["BoardStates.Questions"] = Of(db => BoardStates.Questions(db, 1)),
        ["BoardStates.TeamQuestions"] = Of(db => BoardStates.TeamQuestions(db, 1)),
        ["BoardStates.Adoptions"] = Of(db => BoardStates.Adoptions(db, 1)),
        ["BoardStates.ReactionCounts"] = Of(db => BoardStates.ReactionCounts(db, 1)),
        ["BoardStates.ReactionCounts of one team"] = Of(db => BoardStates.ReactionCounts(db, 1, 2)),
        ["BoardViewer.Reactions"] = Of(db => BoardViewer.Reactions(db, 1, "user")),
        ["BoardViewer.Votes"] = Of(db => BoardViewer.Votes(db, 1, "user")),
        ["BoardViewer.ReactionsTo"] = Of(db => BoardViewer.ReactionsTo(db, 2, "user")),
        ["ShareBackChanges.TeamOf"] = Of(db => ShareBackChanges.TeamOf(db, 1, "user")),
        ["ShareBackChanges.WithRevisions"] = Of(db => ShareBackChanges.WithRevisions(db, 2)),
        ["ShareBackChanges.Find"] = Of(db => ShareBackChanges.Find(db, 3, 1)),
        ["ShareBackChanges.Find on any board"] = Of(db => ShareBackChanges.Find(db, 3, null)),
        ["ShareBackChanges.MemberNames"] = Of(db => ShareBackChanges.MemberNames(db, 2)),
        ["QuestionChanges.ShareBackWithTeam"] = Of(db => QuestionChanges.ShareBackWithTeam(db, 2)),
        ["Team.Queue"] = Of(db => Team.Queue(db.Teams, 1)),
    };

    public static TheoryData<string> Names => new(Queries.Keys);

    [Fact]
    public void Every_named_board_query_is_checked_here()
    {
        var named = new[] { typeof(BoardStates), typeof(BoardViewer), typeof(ShareBackChanges), typeof(QuestionChanges), typeof(Team) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IQueryable<>))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(Queries.Keys, key => key == name || key.StartsWith(name + " ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_board_query_compiles_to_SQL_Servers_SQL(string name)
    {
        using var db = ProviderContexts.Create(DatabaseProvider.SqlServer);

        var sql = Queries[name].Sql(db);

        Assert.Contains("SELECT ", sql, StringComparison.Ordinal);
        Assert.Matches(@"FROM \[\w+\] AS \[\w+\]", sql);
        // Identifiers are [bracketed]: a column's name is not SQL.
        var statement = Regex.Replace(sql, @"\[[^\]\r\n]*\]", "[]");
        Assert.DoesNotMatch(@"\bLIMIT\b", statement);
        var foreign = ForeignSql.SqliteOnly.Concat(ForeignSql.PostgreSqlOnly).SelectMany(f => f.FoundIn(statement)).ToList();
        Assert.True(foreign.Count == 0, $"Not SQL Server's SQL:\n{string.Join("\n", foreign)}\nin\n{sql}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_board_query_compiles_to_PostgreSQLs_SQL(string name)
    {
        using var db = ProviderContexts.Create(DatabaseProvider.PostgreSql);

        var sql = Queries[name].Sql(db);

        Assert.Matches("FROM \"\\w+\" AS \\w+", sql);
        var statement = Regex.Replace(sql, "\"[^\"\\r\\n]*\"", "\"\"");
        var foreign = ForeignSql.SqlServerOnly.Where(f => f.Name != "T-SQL IDENTITY").SelectMany(f => f.FoundIn(statement)).ToList();
        Assert.True(foreign.Count == 0, $"Not PostgreSQL's SQL:\n{string.Join("\n", foreign)}\nin\n{sql}");
    }

    [SqlServerFact]
    public async Task Every_board_query_runs_on_a_real_SQL_Server()
    {
        await using var database = await SqlServerTestDatabase.MigratedAsync();

        foreach (var (name, query) in Queries)
        {
            var failure = await Record.ExceptionAsync(() => query.RunAsync(database.Context));
            Assert.True(failure is null, $"{name} failed on SQL Server: {failure?.Message}");
        }
    }
}
