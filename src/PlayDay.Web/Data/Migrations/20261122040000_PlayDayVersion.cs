using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>A version number on play days, so concurrent edits by two organizers are caught.</summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261122040000_PlayDayVersion")]
public sealed class PlayDayVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>("Version", "PlayDays", type: "INTEGER", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("Version", "PlayDays");
}
