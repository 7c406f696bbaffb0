using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reliability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAtUtc",
                table: "ShareBacks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeletedBy",
                table: "ShareBacks",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "ShareBackRevisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ShareBackRevisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Heartbeats",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Heartbeats", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Installation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstOrganizerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ClaimedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Installation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamInvitations_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamInvitations_PlayDayId_NormalizedEmail",
                table: "TeamInvitations",
                columns: new[] { "PlayDayId", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamInvitations_TeamId_Kind_NormalizedEmail",
                table: "TeamInvitations",
                columns: new[] { "TeamId", "Kind", "NormalizedEmail" },
                unique: true);

            // Number the existing history: each revision's version, and each share-back's current one after them.
            migrationBuilder.Sql("""
                UPDATE "ShareBackRevisions" SET "Version" = (SELECT COUNT(*) FROM "ShareBackRevisions" r
                    WHERE r."ShareBackId" = "ShareBackRevisions"."ShareBackId" AND r."Id" <= "ShareBackRevisions"."Id");
                UPDATE "ShareBacks" SET "Version" = 1 + (SELECT COUNT(*) FROM "ShareBackRevisions" r WHERE r."ShareBackId" = "ShareBacks"."Id");
                """);

            // An install that already has an organizer has had its first one.
            migrationBuilder.Sql("""
                INSERT INTO "Installation" ("Id", "FirstOrganizerUserId", "ClaimedAtUtc")
                SELECT 1, MIN(ur."UserId"), CURRENT_TIMESTAMP FROM "AspNetUserRoles" ur
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE r."NormalizedName" = 'ORGANIZER'
                HAVING COUNT(*) > 0;
                """);

            // A deleted share-back leaves the search index; restoring it puts it back.
            migrationBuilder.Sql("""
                DROP TRIGGER "ShareBacks_search_update";
                CREATE TRIGGER "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId", "DeletedAtUtc" ON "ShareBacks" BEGIN
                    DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
                    INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                    SELECT new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId")
                    WHERE new."DeletedAtUtc" IS NULL;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ShareBacks_search_update";
                CREATE TRIGGER "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId" ON "ShareBacks" BEGIN
                    DELETE FROM "ShareBackSearch" WHERE rowid = old."Id";
                    INSERT INTO "ShareBackSearch" (rowid, title, tags, body, team)
                    VALUES (new."Id", new."Title", replace(new."Tags", ',', ' '), new."Body", (SELECT "Name" FROM "Teams" WHERE "Id" = new."TeamId"));
                END;
                """);

            migrationBuilder.DropTable(
                name: "Heartbeats");

            migrationBuilder.DropTable(
                name: "Installation");

            migrationBuilder.DropTable(
                name: "TeamInvitations");

            migrationBuilder.DropColumn(
                name: "DeletedAtUtc",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "DeletedBy",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ShareBackRevisions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ShareBackRevisions");
        }
    }
}
