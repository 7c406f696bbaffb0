using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>
/// Puts back the search triggers that Outcomes had to take away while SQLite rebuilt Teams (EF runs a
/// rebuild after every other step of its migration, so they cannot come back in the same one).
/// </summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261125231622_OutcomesSearchTriggers")]
public sealed class OutcomesSearchTriggers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
        CREATE TRIGGER IF NOT EXISTS "ShareBacks_search_insert" AFTER INSERT ON "ShareBacks" BEGIN
            INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
            VALUES (new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId"));
        END;
        CREATE TRIGGER IF NOT EXISTS "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId", "DeletedAtUtc" ON "ShareBacks" BEGIN
            DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
            INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
            SELECT new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId")
            WHERE new."DeletedAtUtc" IS NULL;
        END;
        CREATE TRIGGER IF NOT EXISTS "Teams_search_rename" AFTER UPDATE OF "Name" ON "Teams" BEGIN
            UPDATE "ShareBackSearch" SET team = new."Name" WHERE rowid IN (SELECT "Id" FROM "ShareBacks" WHERE "TeamId" = new."Id");
        END;
        """);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Outcomes' Down takes them away before its own rebuild.
    }
}
