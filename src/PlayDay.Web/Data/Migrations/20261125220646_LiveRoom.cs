using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reactions_ShareBacks_ShareBackId",
                table: "Reactions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Reactions",
                table: "Reactions");

            migrationBuilder.DropColumn(
                name: "ShareBackId",
                table: "Reactions");

            migrationBuilder.AddColumn<int>(
                name: "ShownQuestionId",
                table: "BoardSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Reactions",
                table: "Reactions",
                columns: new[] { "TeamId", "UserId", "Kind" });

            migrationBuilder.CreateTable(
                name: "Questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AskedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AskedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AskedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Questions_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionVotes",
                columns: table => new
                {
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionVotes", x => new { x.QuestionId, x.UserId });
                    table.ForeignKey(
                        name: "FK_QuestionVotes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuestionVotes_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_PlayDayId_TeamId",
                table: "Questions",
                columns: new[] { "PlayDayId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_TeamId",
                table: "Questions",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionVotes_UserId",
                table: "QuestionVotes",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reactions_Teams_TeamId",
                table: "Reactions",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reactions_Teams_TeamId",
                table: "Reactions");

            migrationBuilder.DropTable(
                name: "QuestionVotes");

            migrationBuilder.DropTable(
                name: "Questions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Reactions",
                table: "Reactions");

            migrationBuilder.DropColumn(
                name: "ShownQuestionId",
                table: "BoardSessions");

            migrationBuilder.AddColumn<int>(
                name: "ShareBackId",
                table: "Reactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Reactions",
                table: "Reactions",
                columns: new[] { "ShareBackId", "UserId", "Kind" });

            migrationBuilder.AddForeignKey(
                name: "FK_Reactions_ShareBacks_ShareBackId",
                table: "Reactions",
                column: "ShareBackId",
                principalTable: "ShareBacks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
