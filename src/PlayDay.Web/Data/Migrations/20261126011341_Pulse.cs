using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Pulse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PulseAfterQuestions",
                table: "PlayDays",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PulseJoiningQuestions",
                table: "PlayDays",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            // Anonymous answers: a random key and WITHOUT ROWID, so not even the storage order says who answered when.
            migrationBuilder.Sql("""
                CREATE TABLE "PulseAnswers" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_PulseAnswers" PRIMARY KEY,
                    "PlayDayId" INTEGER NOT NULL,
                    "Moment" INTEGER NOT NULL,
                    "Question" TEXT NOT NULL,
                    "Text" TEXT NOT NULL,
                    "Day" TEXT NOT NULL,
                    "Theme" TEXT NULL,
                    CONSTRAINT "FK_PulseAnswers_PlayDays_PlayDayId" FOREIGN KEY ("PlayDayId") REFERENCES "PlayDays" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "PulseResponses",
                columns: table => new
                {
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                    Moment = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseResponses", x => new { x.PlayDayId, x.Moment, x.UserId });
                    table.ForeignKey(
                        name: "FK_PulseResponses_PlayDays_PlayDayId",
                        column: x => x.PlayDayId,
                        principalTable: "PlayDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PulseAnswers_PlayDayId_Moment",
                table: "PulseAnswers",
                columns: new[] { "PlayDayId", "Moment" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PulseAnswers");

            migrationBuilder.DropTable(
                name: "PulseResponses");

            migrationBuilder.DropColumn(
                name: "PulseAfterQuestions",
                table: "PlayDays");

            migrationBuilder.DropColumn(
                name: "PulseJoiningQuestions",
                table: "PlayDays");
        }
    }
}
