using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rsvps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RsvpMails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Applied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RsvpMails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RsvpMails_PlayDays_PlayDayId",
                        column: x => x.PlayDayId,
                        principalTable: "PlayDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Rsvps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Response = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplySequence = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rsvps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rsvps_PlayDays_PlayDayId",
                        column: x => x.PlayDayId,
                        principalTable: "PlayDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RsvpMails_MessageKey",
                table: "RsvpMails",
                column: "MessageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RsvpMails_PlayDayId_ReadAtUtc",
                table: "RsvpMails",
                columns: new[] { "PlayDayId", "ReadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Rsvps_PlayDayId_NormalizedEmail",
                table: "Rsvps",
                columns: new[] { "PlayDayId", "NormalizedEmail" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RsvpMails");

            migrationBuilder.DropTable(
                name: "Rsvps");
        }
    }
}
