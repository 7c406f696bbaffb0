using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Tests.Search;

/// <summary>
/// Search on SQL Server without a server: the statements the search and the related lookup send are
/// read by Microsoft's own T-SQL parser (ScriptDom), every value typed by a person is a parameter, and
/// the CONTAINS conditions say what the query says.
/// </summary>
public sealed class SqlServerSearchSqlTests
{
    private static readonly string[] Queries =
    [
        "prompting",
        "\"release notes\" -commits -excel",
        "release tag:copilot",
        "tag:copilot-chat",
        "-excel",
        "agent O'Brien's \"quoted\" ]) --",
    ];

    private static List<string> Problems(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }

    public static TheoryData<string, string> Shapes()
    {
        var data = new TheoryData<string, string>();
        foreach (var q in Queries)
        {
            foreach (var shape in new[] { "relevance", "newest", "oldest", "filters" })
            {
                data.Add(q, shape);
            }
        }
        return data;
    }

    private static readonly PlayDay.Web.Scheduling.Quarter Q4 = PlayDay.Web.Scheduling.Quarter.TryParse("2026 Q4", out var quarter) ? quarter : throw new InvalidOperationException();

    private static ShareBackSearch.Statements Plan(string q, string shape) => ShareBackSearch.Plan(DatabaseProvider.SqlServer, SearchQuery.Parse(q),
        shape == "filters" ? new ShareBackSearch.Filters(Q4, Outcome.Adopted, ReactionKind.GreatFailure, "Excel", 3, "Team [A]_100%") : null,
        shape switch { "newest" => SearchOrder.Newest, "oldest" => SearchOrder.Oldest, _ => SearchOrder.Relevance });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_search_statement_is_T_SQL_that_holds_none_of_the_typed_text(string q, string shape)
    {
        var plan = Plan(q, shape);

        foreach (var sql in new[] { plan.Count, plan.Page, plan.Snippets })
        {
            Assert.Empty(Problems(sql));
            foreach (var typed in new[] { "prompting", "release", "commits", "copilot", "excel", "Brien", "Team [A]" })
            {
                Assert.DoesNotContain(typed, sql, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain("LIMIT", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("MATCH", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("||", sql, StringComparison.Ordinal);
        }
        Assert.All(plan.Parameters, p => Assert.StartsWith("@", p.Key, StringComparison.Ordinal));
        Assert.Contains("OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY", plan.Page, StringComparison.Ordinal);
        Assert.Contains("TOP (@cap)", plan.Count, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_are_asked_for_with_their_inflections_phrases_as_written_and_exclusions_with_AND_NOT()
    {
        var plan = Plan("prompting \"release notes\" -excel -\"meeting minutes\" tag:copilot-chat", "relevance");
        var parameters = plan.Parameters.ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("(FORMSOF(INFLECTIONAL, \"prompting\") AND \"release notes\" AND \"copilot chat\") AND NOT (FORMSOF(INFLECTIONAL, \"excel\") OR \"meeting minutes\")", parameters["@match"]);
        Assert.Equal(",copilot-chat,", parameters["@tag0"]);
        Assert.Contains("CHARINDEX(@tag0, ',' + s.\"Tags\" + ',') > 0", plan.Page, StringComparison.Ordinal);
        // Ranked by each column's rank for any of the words, weighed as FTS5's bm25 weighs the columns.
        Assert.Equal("FORMSOF(INFLECTIONAL, \"prompting\") OR \"release notes\"", parameters["@rank"]);
        Assert.Contains("10 * coalesce(byTitle.[RANK], 0) + 6 * coalesce(byTags.[RANK], 0) + 3 * coalesce(byTeam.[RANK], 0) + coalesce(byBody.[RANK], 0) DESC", plan.Page, StringComparison.Ordinal);
        Assert.Contains("CONTAINSTABLE([ShareBackSearch], [Title], @rank)", plan.Page, StringComparison.Ordinal);
        Assert.False(plan.SnippetsInPage);
    }

    [Fact]
    public void A_quote_in_a_word_cannot_end_the_CONTAINS_string()
    {
        Assert.Equal("FORMSOF(INFLECTIONAL, \"a\"\"b\")", SearchQuery.ContainsTerm("a\"b"));
    }

    [Fact]
    public void A_team_name_s_LIKE_wildcards_brackets_included_are_escaped()
    {
        var plan = Plan("agent", "filters");

        Assert.Equal("Team \\[A]\\_100\\%", plan.Parameters.Single(p => p.Key == "@team").Value);
        Assert.Contains("\"Name\" LIKE @team ESCAPE '\\'", plan.Count, StringComparison.Ordinal);
    }

    [Fact]
    public void The_related_lookup_s_statements_are_T_SQL_with_the_words_as_parameters()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var related = new RelatedShareBacks(db);

        var statements = related.QueryStrings(["billing", "tests", "o'brien"], exclude: 7);

        Assert.Equal(3, statements.Count);
        foreach (var sql in statements)
        {
            // ToQueryString declares each parameter with its value, as SQL Server would receive it.
            Assert.Empty(Problems(sql));
        }
        Assert.Matches(@"DECLARE @term1 nvarchar\(\d+\) = N'FORMSOF\(INFLECTIONAL, ""tests""\)';", statements[0]);
        Assert.Contains("CONTAINSTABLE([ShareBackSearch], *, @term2)", statements[0], StringComparison.Ordinal);
        Assert.Contains("N'FORMSOF(INFLECTIONAL, \"billing\") OR FORMSOF(INFLECTIONAL, \"tests\") OR FORMSOF(INFLECTIONAL, \"o''brien\")'", statements[1], StringComparison.Ordinal);
        Assert.Contains("SELECT TOP (@take)", statements[1], StringComparison.Ordinal);
        Assert.Contains("OPENJSON(@ids)", statements[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_migration_is_T_SQL_with_the_full_text_catalog_and_index_outside_a_transaction()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migration = new PlayDay.Web.Data.Migrations.SqlServer.Search();

        foreach (var operations in new[] { migration.UpOperations, migration.DownOperations })
        {
            var sql = operations.Cast<SqlOperation>().ToList();
            Assert.All(sql, operation => Assert.Empty(Problems(operation.Sql)));
            Assert.All(sql.Where(o => o.Sql.Contains("FULLTEXT", StringComparison.Ordinal)), o => Assert.True(o.SuppressTransaction, o.Sql));
        }
        var up = string.Join("\n", migration.UpOperations.Cast<SqlOperation>().Select(o => o.Sql));
        Assert.Contains("CREATE FULLTEXT CATALOG [PlayDaySearch]", up, StringComparison.Ordinal);
        Assert.Contains("KEY INDEX [PK_ShareBackSearch] ON [PlayDaySearch]", up, StringComparison.Ordinal);
        Assert.Contains("CHANGE_TRACKING = AUTO", up, StringComparison.Ordinal);
        // The triggers are in the model, so that EF's inserts read new keys back without OUTPUT (which SQL Server refuses on a table with triggers).
        var model = db.GetService<IDesignTimeModel>().Model;
        Assert.Contains(model.FindEntityType(typeof(ShareBack))!.GetDeclaredTriggers(), t => t.ModelName == SqlServerPlayDayDbContext.ShareBacksSearchTrigger);
        Assert.Contains(model.FindEntityType(typeof(Team))!.GetDeclaredTriggers(), t => t.ModelName == SqlServerPlayDayDbContext.TeamsSearchTrigger);
    }
}
