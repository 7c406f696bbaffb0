using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchPlainText : Migration
    {
        // The body as indexed: without the share-back template's headings, guidance lines and table
        // labels (templates/shareback.md as shipped), which every share-back has and which made every
        // document match "tried", "worked", "broke", "time" or "quality". Plain SQL, so the index
        // follows any insert, whoever makes it; the excerpt's Markdown is taken away when it is shown.
        private const string IndexedBody = """
            replace(replace(replace(replace(replace(replace(replace(replace(replace(replace({0}."Body",
                '## What we tried', ''), '## What worked', ''), '## What broke or almost worked', ''), '## Before → after', ''), '## Try it yourself', ''),
                'Which task, which tool, and how we went about it.', ''),
                'Failures are as useful as wins: what would someone trying this next quarter need to know?', ''),
                '| | before | after |', ''), '| time it takes |', '|'), '| quality |', '|')
            """;

        private static string Triggers(string body) => $$"""
            CREATE TRIGGER "ShareBacks_search_insert" AFTER INSERT ON "ShareBacks" WHEN new."DeletedAtUtc" IS NULL BEGIN
                INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                VALUES (new."Id", new."Title", replace(new."Tags", ',', ' '), {{string.Format(CultureInfo.InvariantCulture, body, "new")}}, (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId"));
            END;
            CREATE TRIGGER "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId", "DeletedAtUtc" ON "ShareBacks" BEGIN
                DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
                INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                SELECT new."Id", new."Title", replace(new."Tags", ',', ' '), {{string.Format(CultureInfo.InvariantCulture, body, "new")}}, (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId")
                WHERE new."DeletedAtUtc" IS NULL;
            END;
            CREATE TRIGGER "ShareBacks_search_delete" AFTER DELETE ON "ShareBacks" BEGIN
                DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
            END;
            CREATE TRIGGER "Teams_search_rename" AFTER UPDATE OF "Name" ON "Teams" BEGIN
                UPDATE "ShareBackSearch" SET team = new."Name" WHERE rowid IN (SELECT "Id" FROM "ShareBacks" WHERE "TeamId" = new."Id");
            END;
            INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
            SELECT s."Id", s."Title", replace(s."Tags", ',', ' '), {{string.Format(CultureInfo.InvariantCulture, body, "s")}}, t."Name"
            FROM "ShareBacks" s LEFT JOIN "Teams" t ON t."Id" = s."TeamId" WHERE s."DeletedAtUtc" IS NULL;
            """;

        // The index is made again from the share-backs; the triggers go first, as they name the table.
        private const string DropIndex = """
            DROP TRIGGER IF EXISTS "Teams_search_rename";
            DROP TRIGGER IF EXISTS "ShareBacks_search_delete";
            DROP TRIGGER IF EXISTS "ShareBacks_search_update";
            DROP TRIGGER IF EXISTS "ShareBacks_search_insert";
            DROP TABLE IF EXISTS "ShareBackSearch";
            CREATE VIRTUAL TABLE "ShareBackSearch" USING fts5(title, tags, body, team, tokenize = 'porter unicode61');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ShareBacks_DeletedAtUtc_PostedAtUtc",
                table: "ShareBacks",
                columns: new[] { "DeletedAtUtc", "PostedAtUtc" });

            migrationBuilder.Sql(DropIndex + Triggers(IndexedBody));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropIndex + Triggers("""{0}."Body" """));

            migrationBuilder.DropIndex(
                name: "IX_ShareBacks_DeletedAtUtc_PostedAtUtc",
                table: "ShareBacks");
        }
    }
}
