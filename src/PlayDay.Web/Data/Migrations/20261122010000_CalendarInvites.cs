using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PlayDay.Web.Data.Migrations;

/// <summary>
/// Calendar invites: each play day gets a permanent random UID and a SEQUENCE; invitees, the mail
/// outbox, and each user's personal feed token.
/// </summary>
[DbContext(typeof(PlayDayDbContext))]
[Migration("20261122010000_CalendarInvites")]
public sealed class CalendarInvites : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>("CalendarUid", "PlayDays", type: "TEXT", nullable: false, defaultValue: Guid.Empty);
        migrationBuilder.AddColumn<int>("Sequence", "PlayDays", type: "INTEGER", nullable: false, defaultValue: 0);
        // Existing play days get a random version-4 UUID each (SQLite cannot add a column with a random default).
        migrationBuilder.Sql("""
            UPDATE "PlayDays" SET "CalendarUid" = upper(
                hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
                substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            WHERE "CalendarUid" = '00000000-0000-0000-0000-000000000000';
            """);
        migrationBuilder.CreateIndex("IX_PlayDays_CalendarUid", "PlayDays", "CalendarUid", unique: true);

        migrationBuilder.AddColumn<string>("CalendarFeedToken", "AspNetUsers", type: "TEXT", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_CalendarFeedToken", "AspNetUsers", "CalendarFeedToken", unique: true);

        migrationBuilder.CreateTable(
            name: "Invitees",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                InvitedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                InvitedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invitees", x => x.Id);
                table.ForeignKey("FK_Invitees_PlayDays_PlayDayId", x => x.PlayDayId, "PlayDays", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Invitees_PlayDayId_Email", "Invitees", ["PlayDayId", "Email"], unique: true);

        migrationBuilder.CreateTable(
            name: "OutgoingMails",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PlayDayId = table.Column<int>(type: "INTEGER", nullable: true),
                To = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                TextBody = table.Column<string>(type: "TEXT", nullable: false),
                HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                CalendarMethod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                Calendar = table.Column<string>(type: "TEXT", nullable: true),
                CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                GaveUpAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                PickupFile = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutgoingMails", x => x.Id);
                table.ForeignKey("FK_OutgoingMails_PlayDays_PlayDayId", x => x.PlayDayId, "PlayDays", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_OutgoingMails_PlayDayId", "OutgoingMails", "PlayDayId");
        migrationBuilder.CreateIndex("IX_OutgoingMails_SentAtUtc_GaveUpAtUtc_NextAttemptAtUtc", "OutgoingMails", ["SentAtUtc", "GaveUpAtUtc", "NextAttemptAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OutgoingMails");
        migrationBuilder.DropTable("Invitees");
        migrationBuilder.DropIndex("IX_AspNetUsers_CalendarFeedToken", "AspNetUsers");
        migrationBuilder.DropColumn("CalendarFeedToken", "AspNetUsers");
        migrationBuilder.DropIndex("IX_PlayDays_CalendarUid", "PlayDays");
        migrationBuilder.DropColumn("Sequence", "PlayDays");
        migrationBuilder.DropColumn("CalendarUid", "PlayDays");
    }
}
