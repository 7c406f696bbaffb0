using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// The app never deletes a play day (it cancels one), but an administrator may, by hand: one DELETE
/// takes everything that hangs off the play days with it, on SQLite and on SQL Server, whose schema
/// reaches some tables by other paths (<see cref="SqlServerModelTests"/>). Run on the demo data, which
/// has teams, share-backs with adoptions, outcome updates and blockers, reactions, questions and a
/// team re-testing an earlier discovery.
/// </summary>
public sealed class CascadeDeleteTests
{
    /// <summary>On the database the tests run on: SQLite, or the server PLAYDAY_TEST_SQLSERVER (or PLAYDAY_TEST_DATABASE) names.</summary>
    [Fact]
    public async Task Deleting_every_play_day_deletes_everything_that_hangs_off_them()
    {
        using var app = new PlayDayApp(seedDemoData: true);
        // What hangs off a play day: every table a delete of PlayDays reaches by cascade in the shared (SQLite) model.
        var hanging = HangingOffPlayDays();
        var before = await app.WithDbAsync(db => CountAsync(db, [.. hanging, "AspNetUsers"]));
        Assert.All(["Teams", "TeamMembers", "ShareBacks", "Adoptions", "OutcomeUpdates", "Blockers", "Reactions", "Questions"], table => Assert.True(before[table] > 0, $"The demo data has no {table}."));
        Assert.True(await app.WithDbAsync(db => db.Teams.AnyAsync(t => t.RetestOfShareBackId != null)), "The demo data has a team re-testing a discovery.");

        await app.WithDbAsync(db => db.PlayDays.ExecuteDeleteAsync());

        var after = await app.WithDbAsync(db => CountAsync(db, [.. hanging, "AspNetUsers"]));
        Assert.All(hanging, table => Assert.True(after[table] == 0, $"{table} still has {after[table]} rows."));
        Assert.Equal(before["AspNetUsers"], after["AspNetUsers"]);
    }

    private static List<string> HangingOffPlayDays()
    {
        using var sqlite = ProviderContexts.Create(DatabaseProvider.Sqlite);
        var model = ProviderContexts.RelationalModel(sqlite);
        var reached = new List<string>();
        var deleted = new Queue<string>(["PlayDays"]);
        while (deleted.TryDequeue(out var name))
        {
            foreach (var key in model.FindTable(name, null)!.ReferencingForeignKeyConstraints.Where(k => k.OnDeleteAction == ReferentialAction.Cascade))
            {
                if (!reached.Contains(key.Table.Name))
                {
                    reached.Add(key.Table.Name);
                    deleted.Enqueue(key.Table.Name);
                }
            }
        }
        return reached;
    }

    private static async Task<Dictionary<string, int>> CountAsync(PlayDayDbContext db, IEnumerable<string> tables)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var counts = new Dictionary<string, int>();
        foreach (var table in tables)
        {
            // The names are the model's own, quoted for the provider.
            var count = $"SELECT COUNT(*) AS {sql.DelimitIdentifier("Value")} FROM {sql.DelimitIdentifier(table)}";
            counts[table] = await db.Database.SqlQueryRaw<int>(count).SingleAsync();
        }
        return counts;
    }
}
