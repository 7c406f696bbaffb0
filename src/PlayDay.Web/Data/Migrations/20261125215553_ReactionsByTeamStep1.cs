using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReactionsByTeamStep1 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "Reactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // A reaction is to a team's share-back; from now on it is to the team itself (so the room can react before the write-up).
            migrationBuilder.Sql("""
                UPDATE "Reactions" SET "TeamId" = (SELECT s."TeamId" FROM "ShareBacks" s WHERE s."Id" = "Reactions"."ShareBackId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "Reactions");
        }
    }
}
