using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Data;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Archive;

namespace PlayDay.Web.Tests.Following;

/// <summary>
/// What the following tests work with: a play day, share-backs about copilot and about chatgpt (arranged
/// in the database, as <see cref="ArchiveData"/> does), and Fay, who follows copilot through the front door.
/// </summary>
public sealed record FollowingScene(Browser Organizer, Browser Fay, string FayEmail, int PlayDayId, int OldCopilotId)
{
    /// <summary>Monday 16 November 2026, 08:00 UTC: an hour after a weekly period (Monday 07:00 to Monday 07:00) began.</summary>
    public static readonly DateTimeOffset WeekStart = new(2026, 11, 16, 8, 0, 0, TimeSpan.Zero);

    /// <summary>When that week's digest is due: Monday 23 November, 07:00 UTC.</summary>
    public static readonly DateTimeOffset WeekEnd = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    public const string Subject = "PlayDay digest";

    /// <summary>
    /// The scene, with the clock at <see cref="WeekStart"/>: an older copilot share-back (posted two weeks before) exists, so
    /// copilot is a known tool, and Fay follows it.
    /// </summary>
    public static async Task<FollowingScene> ArrangeAsync(PlayDayApp app, string prefix)
    {
        app.Clock.SetUtcNow(WeekStart);
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer", $"{prefix}-olu@example.test");
        var fayEmail = $"{prefix}-fay@example.test";
        var fay = await Browser.RegisteredAsync(app, "Fay Follower", fayEmail);
        var playDayId = await ArchiveData.PlayDayAsync(app, organizer);
        var old = await ArchiveData.ShareBackAsync(app, playDayId, "Early Birds", "Copilot from last week", "## What worked\n\nIt **did** work.", "copilot", WeekStart.AddDays(-10).UtcDateTime);
        await FollowAsync(fay, "copilot");
        return new FollowingScene(organizer, fay, fayEmail, playDayId, old);
    }

    public static async Task FollowAsync(Browser browser, string tag)
    {
        using var followed = await browser.SubmitAsync(FollowingLinks.ManagePath, new() { ["Tag"] = tag }, "form[action*='handler=Follow']");
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
    }

    public static async Task DigestEveryAsync(Browser browser, string frequency)
    {
        using var chosen = await browser.SubmitAsync(FollowingLinks.ManagePath, new() { ["Digest"] = frequency }, "form[action*='handler=Digest']");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
    }

    public static Task<DigestWorker.Round> RoundAsync(PlayDayApp app) =>
        app.Services.GetRequiredService<DigestWorker>().SendDueAsync(CancellationToken.None);

    public static Task<List<OutgoingMail>> DigestMailsToAsync(PlayDayApp app, string to) =>
        app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().Where(m => m.To == to && m.Subject.StartsWith(Subject)).OrderBy(m => m.Id).ToListAsync());

    public static Task<List<Digest>> DigestsAsync(PlayDayApp app) =>
        app.WithDbAsync(db => db.Digests.AsNoTracking().OrderBy(d => d.Id).ToListAsync());

    /// <summary>Records an outcome change the way every write path does (<see cref="ShareBack.Report"/>), at the clock's time.</summary>
    public static Task ReportAsync(PlayDayApp app, int shareBackId, Outcome to, string? note = null) =>
        app.WithDbAsync(async db =>
        {
            var shareBack = await db.ShareBacks.SingleAsync(s => s.Id == shareBackId);
            Assert.Null(shareBack.Report(to, shareBack.Figures, note, "Early Birds", app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
}
