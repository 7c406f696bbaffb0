using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Full-text search on SQL Server: "ShareBackSearch" holds each share-back that is not deleted as it
    /// is searched (the body without the template's headings, the team's name), kept by triggers in the
    /// transaction of every write; the full-text index "ShareBackSearch" in catalog "PlayDaySearch"
    /// (English word breaker and stems, no stop list, as FTS5's porter tokenizer) follows it by change
    /// tracking, which SQL Server applies in the background moments after the commit.
    /// </summary>
    public partial class Search : Migration
    {
        public const string Catalog = "PlayDaySearch";

        // The body as indexed: without the share-back template's headings, guidance lines and table
        // labels (templates/shareback.md as shipped, see the SQLite SearchPlainText migration).
        private const string IndexedBody = """
            REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(i.[Body],
                N'## What we tried', N''), N'## What worked', N''), N'## What broke or almost worked', N''), N'## Before → after', N''), N'## Try it yourself', N''),
                N'Which task, which tool, and how we went about it.', N''),
                N'Failures are as useful as wins: what would someone trying this next quarter need to know?', N''),
                N'| | before | after |', N''), N'| time it takes |', N'|'), N'| quality |', N'|')
            """;

        private static string Exec(string sql) => "EXEC(N'" + sql.Replace("'", "''", System.StringComparison.Ordinal) + "');";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE [ShareBackSearch] (
                    [Id] int NOT NULL CONSTRAINT [PK_ShareBackSearch] PRIMARY KEY,
                    [Title] nvarchar(120) NOT NULL,
                    [Tags] nvarchar(248) NOT NULL,
                    [Team] nvarchar(80) NOT NULL,
                    [Body] nvarchar(max) NOT NULL
                );
                """);

            // CREATE TRIGGER must begin a batch: EXEC makes it one, also inside the IF of an idempotent script.
            migrationBuilder.Sql(Exec($$"""
                CREATE TRIGGER [{{SqlServerPlayDayDbContext.ShareBacksSearchTrigger}}] ON [ShareBacks] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    -- An update of none of the searched columns (an outcome, a version) leaves the row as it is.
                    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                        AND NOT (UPDATE([Title]) OR UPDATE([Tags]) OR UPDATE([Body]) OR UPDATE([TeamId]) OR UPDATE([DeletedAtUtc]))
                        RETURN;
                    DELETE f FROM [ShareBackSearch] f JOIN deleted d ON d.[Id] = f.[Id];
                    INSERT INTO [ShareBackSearch] ([Id], [Title], [Tags], [Team], [Body])
                    SELECT i.[Id], i.[Title], REPLACE(i.[Tags], N',', N' '), COALESCE(t.[Name], N''), {{IndexedBody}}
                    FROM inserted i LEFT JOIN [Teams] t ON t.[Id] = i.[TeamId]
                    WHERE i.[DeletedAtUtc] IS NULL;
                END
                """));

            migrationBuilder.Sql(Exec($$"""
                CREATE TRIGGER [{{SqlServerPlayDayDbContext.TeamsSearchTrigger}}] ON [Teams] AFTER UPDATE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF NOT UPDATE([Name])
                        RETURN;
                    UPDATE f SET [Team] = i.[Name]
                    FROM [ShareBackSearch] f JOIN [ShareBacks] s ON s.[Id] = f.[Id] JOIN inserted i ON i.[Id] = s.[TeamId];
                END
                """));

            migrationBuilder.Sql($"""
                INSERT INTO [ShareBackSearch] ([Id], [Title], [Tags], [Team], [Body])
                SELECT i.[Id], i.[Title], REPLACE(i.[Tags], N',', N' '), COALESCE(t.[Name], N''), {IndexedBody}
                FROM [ShareBacks] i LEFT JOIN [Teams] t ON t.[Id] = i.[TeamId]
                WHERE i.[DeletedAtUtc] IS NULL;
                """);

            // Full-text catalogs and indexes cannot be made inside a transaction.
            migrationBuilder.Sql($"CREATE FULLTEXT CATALOG [{Catalog}];", suppressTransaction: true);
            migrationBuilder.Sql($"""
                CREATE FULLTEXT INDEX ON [ShareBackSearch] ([Title] LANGUAGE 1033, [Tags] LANGUAGE 1033, [Team] LANGUAGE 1033, [Body] LANGUAGE 1033)
                    KEY INDEX [PK_ShareBackSearch] ON [{Catalog}]
                    WITH (CHANGE_TRACKING = AUTO, STOPLIST = OFF);
                """, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FULLTEXT INDEX ON [ShareBackSearch];", suppressTransaction: true);
            migrationBuilder.Sql($"DROP FULLTEXT CATALOG [{Catalog}];", suppressTransaction: true);
            migrationBuilder.Sql($"""
                DROP TRIGGER [{SqlServerPlayDayDbContext.TeamsSearchTrigger}];
                DROP TRIGGER [{SqlServerPlayDayDbContext.ShareBacksSearchTrigger}];
                DROP TABLE [ShareBackSearch];
                """);
        }
    }
}
