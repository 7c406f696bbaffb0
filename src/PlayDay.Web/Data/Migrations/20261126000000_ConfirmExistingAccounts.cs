using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>
/// Sign-in now needs a confirmed email address. Accounts made before confirmation existed were
/// never asked to confirm, so they count as confirmed rather than being locked out. Data only.
/// </summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261126000000_ConfirmExistingAccounts")]
public sealed class ConfirmExistingAccounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "EmailConfirmed" = 1 WHERE "EmailConfirmed" = 0;""");

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Which accounts were confirmed by this migration is not recorded; they stay confirmed.
    }
}
