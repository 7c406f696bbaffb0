using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>
/// The archive: revisions of share-backs, the members snapshot and imported reaction counts,
/// personal API tokens, and the SQLite FTS5 index over share-backs. Triggers keep the index in the
/// same transaction as every insert, edit and delete, so it cannot drift from the rows.
/// </summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261122030000_Archive")]
public sealed class Archive : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("TeamMembers", "ShareBacks", type: "TEXT", maxLength: 1000, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("ImportedReactions", "ShareBacks", type: "TEXT", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>("ApiTokenHash", "AspNetUsers", type: "TEXT", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_ApiTokenHash", "AspNetUsers", "ApiTokenHash", unique: true);

        migrationBuilder.CreateTable(
            name: "ShareBackRevisions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                RevisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                RevisedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                Tags = table.Column<string>(type: "TEXT", maxLength: 248, nullable: false),
                Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ShareBackRevisions", x => x.Id);
                table.ForeignKey("FK_ShareBackRevisions_ShareBacks_ShareBackId", x => x.ShareBackId, "ShareBacks", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ShareBackRevisions_ShareBackId", "ShareBackRevisions", "ShareBackId");

        // Porter stemming over Unicode words: "prompting" finds "prompt". rowid is the share-back's Id.
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "ShareBackSearch" USING fts5(title, tags, body, team, tokenize = 'porter unicode61');

            CREATE TRIGGER "ShareBacks_search_insert" AFTER INSERT ON "ShareBacks" BEGIN
                INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                VALUES (new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId"));
            END;

            CREATE TRIGGER "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId" ON "ShareBacks" BEGIN
                DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
                INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                VALUES (new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId"));
            END;

            CREATE TRIGGER "ShareBacks_search_delete" AFTER DELETE ON "ShareBacks" BEGIN
                DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
            END;

            CREATE TRIGGER "Teams_search_rename" AFTER UPDATE OF "Name" ON "Teams" BEGIN
                UPDATE "ShareBackSearch" SET team = new."Name" WHERE rowid IN (SELECT "Id" FROM "ShareBacks" WHERE "TeamId" = new."Id");
            END;

            INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
            SELECT s."Id", s."Title", replace(s."Tags", ',', ' '), s."Body", t."Name" FROM "ShareBacks" s JOIN "Teams" t ON t."Id" = s."TeamId";
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER "Teams_search_rename";
            DROP TRIGGER "ShareBacks_search_delete";
            DROP TRIGGER "ShareBacks_search_update";
            DROP TRIGGER "ShareBacks_search_insert";
            DROP TABLE "ShareBackSearch";
            """);
        migrationBuilder.DropTable("ShareBackRevisions");
        migrationBuilder.DropIndex("IX_AspNetUsers_ApiTokenHash", "AspNetUsers");
        migrationBuilder.DropColumn("ApiTokenHash", "AspNetUsers");
        migrationBuilder.DropColumn("ImportedReactions", "ShareBacks");
        migrationBuilder.DropColumn("TeamMembers", "ShareBacks");
    }
}
