using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Blockers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Blockers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShareBackId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClearedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ClearedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Blockers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Blockers_ShareBacks_ShareBackId",
                        column: x => x.ShareBackId,
                        principalTable: "ShareBacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Blockers_Kind",
                table: "Blockers",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Blockers_ShareBackId_RecordedAtUtc",
                table: "Blockers",
                columns: new[] { "ShareBackId", "RecordedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Blockers");
        }
    }
}
