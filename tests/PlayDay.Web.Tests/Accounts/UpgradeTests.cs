using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Accounts;

[Trait("Database", "Sqlite")]
public sealed class UpgradeTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("playday-upgrade-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task An_account_made_before_email_confirmation_existed_still_signs_in_after_the_upgrade()
    {
        // The database as the last release left it, with an account that was never asked to confirm.
        await using (var db = new PlayDayDbContext(new DbContextOptionsBuilder<PlayDayDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_dataDirectory.FullName, "playday.db")}").Options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261125202104_Reliability");
            var user = new AppUser
            {
                UserName = "olu@example.test", NormalizedUserName = "OLU@EXAMPLE.TEST",
                Email = "olu@example.test", NormalizedEmail = "OLU@EXAMPLE.TEST",
                DisplayName = "Olu Organizer", SecurityStamp = Guid.NewGuid().ToString(),
            };
            user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, Browser.Password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        using var app = new PlayDayApp(_dataDirectory.FullName);
        var signIn = await AccountForms.SignInAsync(new Browser(app.CreateBrowser()), "olu@example.test");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.LocationPath());
    }
}
