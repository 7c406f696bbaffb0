using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RetestOfShareBackId",
                table: "Teams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HowMeasured",
                table: "ShareBacks",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesPerWeekAfter",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesPerWeekBefore",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Outcome",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PeopleDoingTask",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PeopleUsingNewWay",
                table: "ShareBacks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpWeeks",
                table: "PlayDays",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "2,6");

            migrationBuilder.CreateTable(
                name: "Adoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Adoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Adoptions_ShareBacks_ShareBackId",
                        column: x => x.ShareBackId,
                        principalTable: "ShareBacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpNudges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                    WeeksAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpNudges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpNudges_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ViaFollowUp = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeUpdates_ShareBacks_ShareBackId",
                        column: x => x.ShareBackId,
                        principalTable: "ShareBacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_RetestOfShareBackId",
                table: "Teams",
                column: "RetestOfShareBackId");

            migrationBuilder.CreateIndex(
                name: "IX_ShareBacks_Outcome",
                table: "ShareBacks",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_ShareBackId_UserId",
                table: "Adoptions",
                columns: new[] { "ShareBackId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpNudges_PlayDayId",
                table: "FollowUpNudges",
                column: "PlayDayId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpNudges_TeamId_WeeksAfter",
                table: "FollowUpNudges",
                columns: new[] { "TeamId", "WeeksAfter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeUpdates_ShareBackId_UpdatedAtUtc",
                table: "OutcomeUpdates",
                columns: new[] { "ShareBackId", "UpdatedAtUtc" });

            // SQLite adds a foreign key by rebuilding Teams, and EF runs rebuilds last: the search triggers that
            // name Teams would stop the rename back ("no such table: main.Teams"), and the rebuild drops the
            // trigger on Teams itself. OutcomesSearchTriggers, the next migration, puts all three back.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ShareBacks_search_insert";
                DROP TRIGGER IF EXISTS "ShareBacks_search_update";
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_Teams_ShareBacks_RetestOfShareBackId",
                table: "Teams",
                column: "RetestOfShareBackId",
                principalTable: "ShareBacks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Going below this migration leaves search without its triggers until Up runs again.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ShareBacks_search_insert";
                DROP TRIGGER IF EXISTS "ShareBacks_search_update";
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Teams_ShareBacks_RetestOfShareBackId",
                table: "Teams");

            migrationBuilder.DropTable(
                name: "Adoptions");

            migrationBuilder.DropTable(
                name: "FollowUpNudges");

            migrationBuilder.DropTable(
                name: "OutcomeUpdates");

            migrationBuilder.DropIndex(
                name: "IX_Teams_RetestOfShareBackId",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_ShareBacks_Outcome",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "RetestOfShareBackId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "HowMeasured",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "MinutesPerWeekAfter",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "MinutesPerWeekBefore",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "PeopleDoingTask",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "PeopleUsingNewWay",
                table: "ShareBacks");

            migrationBuilder.DropColumn(
                name: "FollowUpWeeks",
                table: "PlayDays");
        }
    }
}
