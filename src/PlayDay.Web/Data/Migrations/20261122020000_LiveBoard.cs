using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>The live board: teams and their queue, share-backs, reactions, and each play day's session state.</summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261122020000_LiveBoard")]
public sealed class LiveBoard : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BoardSessions",
            columns: table => new
            {
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                CurrentTeamId = table.Column<int>(type: "INTEGER", nullable: true),
                SlotStartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                SlotSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                PausedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                PausedSeconds = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BoardSessions", x => x.PlayDayId);
                table.ForeignKey("FK_BoardSessions_PlayDays_PlayDayId", x => x.PlayDayId, "PlayDays", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Teams",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                Plan = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                Ask = table.Column<int>(type: "INTEGER", nullable: false),
                QueueBand = table.Column<int>(type: "INTEGER", nullable: false),
                QueueOrder = table.Column<int>(type: "INTEGER", nullable: false),
                Skipped = table.Column<bool>(type: "INTEGER", nullable: false),
                PresentedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Teams", x => x.Id);
                table.ForeignKey("FK_Teams_PlayDays_PlayDayId", x => x.PlayDayId, "PlayDays", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TeamMembers",
            columns: table => new
            {
                TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                JoinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.UserId });
                table.ForeignKey("FK_TeamMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_TeamMembers_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ShareBacks",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                Tags = table.Column<string>(type: "TEXT", maxLength: 248, nullable: false),
                Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                PostedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                PostedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                EditedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ShareBacks", x => x.Id);
                table.ForeignKey("FK_ShareBacks_PlayDays_PlayDayId", x => x.PlayDayId, "PlayDays", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ShareBacks_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Reactions",
            columns: table => new
            {
                ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reactions", x => new { x.ShareBackId, x.UserId, x.Kind });
                table.ForeignKey("FK_Reactions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Reactions_ShareBacks_ShareBackId", x => x.ShareBackId, "ShareBacks", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Teams_PlayDayId_Name", "Teams", ["PlayDayId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_TeamMembers_PlayDayId_UserId", "TeamMembers", ["PlayDayId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_TeamMembers_UserId", "TeamMembers", "UserId");
        migrationBuilder.CreateIndex("IX_ShareBacks_IdempotencyKey", "ShareBacks", "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex("IX_ShareBacks_PlayDayId", "ShareBacks", "PlayDayId");
        migrationBuilder.CreateIndex("IX_ShareBacks_TeamId", "ShareBacks", "TeamId", unique: true);
        migrationBuilder.CreateIndex("IX_Reactions_UserId", "Reactions", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Reactions");
        migrationBuilder.DropTable("ShareBacks");
        migrationBuilder.DropTable("TeamMembers");
        migrationBuilder.DropTable("Teams");
        migrationBuilder.DropTable("BoardSessions");
    }
}
