using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Data;
using PlayDay.Web.Following;
using PlayDay.Web.Health;
using PlayDay.Web.Tests.Archive;
using PlayDay.Web.Tests.Mail;
using static PlayDay.Web.Tests.Following.FollowingScene;

namespace PlayDay.Web.Tests.Following;

/// <summary>
/// The digest of what is new in followed tools: one email per person and period, with the new
/// share-backs and outcome changes of the tools they follow and nothing else; none when nothing is
/// new or the digest is off; never a second one, whatever restarts and second instances do.
/// </summary>
public sealed class DigestTests(SharedSmtpServer shared) : IClassFixture<SharedSmtpServer>
{
    /// <summary>The worker on its own, looking every second.</summary>
    private static Dictionary<string, string> Running(Dictionary<string, string>? more = null) => new(more ?? [])
    {
        ["Following:Enabled"] = "true",
        ["Following:PollSeconds"] = "1",
    };

    private Dictionary<string, string> Smtp() => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = shared.Server.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "playday@example.test",
    };

    /// <summary>During the week: two copilot share-backs (one deleted), one about chatgpt only, and outcome changes of a copilot and a chatgpt share-back.</summary>
    private static async Task<(int Copilot, int ChatGpt)> WeekOfNewsAsync(PlayDayApp app, FollowingScene scene)
    {
        app.Clock.SetUtcNow(WeekStart.AddDays(2));
        var copilot = await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Test Pilots", "Copilot <b>wrote</b> our tests & \"more\"",
            "## What we tried\n\nAsking **Copilot** for [unit tests](https://example.test/x).", "copilot,xunit");
        var chatGpt = await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Chatters", "ChatGPT drafts replies", "Body.", "chatgpt");
        var deleted = await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Ghosts", "Deleted copilot story", "Body.", "copilot");
        await app.WithDbAsync(async db =>
        {
            (await db.ShareBacks.SingleAsync(s => s.Id == deleted)).Delete("Olu Organizer", app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        app.Clock.SetUtcNow(WeekStart.AddDays(3));
        await ReportAsync(app, scene.OldCopilotId, Outcome.Trying, "Two of us use it every morning.");
        await ReportAsync(app, chatGpt, Outcome.Adopted);
        return (copilot, chatGpt);
    }

    [Fact]
    public async Task A_weekly_digest_brings_the_new_share_backs_and_outcome_changes_of_followed_tools_once_through_a_real_SMTP_server()
    {
        using var app = new PlayDayApp(settings: Smtp());
        var scene = await ArrangeAsync(app, "weekly");
        var (copilot, _) = await WeekOfNewsAsync(app, scene);

        // The week is not over: nothing yet.
        app.Clock.SetUtcNow(WeekEnd.AddMinutes(-1));
        Assert.Equal(1, (await RoundAsync(app)).Handled);
        Assert.Empty(await DigestMailsToAsync(app, scene.FayEmail));

        app.Clock.SetUtcNow(WeekEnd);
        Assert.Equal(new DigestWorker.Round(1, 1), await RoundAsync(app));
        var mail = Assert.Single(await DigestMailsToAsync(app, scene.FayEmail));
        Assert.Equal("PlayDay digest: 1 new share-back and 1 outcome change in copilot", mail.Subject);
        Assert.Contains("Copilot <b>wrote</b> our tests & \"more\"", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Asking Copilot for unit tests", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/sharebacks/{copilot}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Copilot from last week: Shared → Trying", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Two of us use it every morning.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/sharebacks/{scene.OldCopilotId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/me/following", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ChatGPT", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Deleted copilot story", mail.TextBody, StringComparison.Ordinal);

        // Later in the same period: nothing more.
        app.Clock.SetUtcNow(WeekEnd.AddDays(6));
        Assert.Equal(new DigestWorker.Round(0, 0), await RoundAsync(app));
        Assert.Single(await DigestMailsToAsync(app, scene.FayEmail));
        // The week before had nothing new: its digest is recorded without an email.
        var digests = await DigestsAsync(app);
        Assert.Equal(2, digests.Count);
        Assert.Null(digests[0].MailId);
        var digest = digests[1];
        Assert.Equal((WeekStart.AddHours(-1).UtcDateTime, WeekEnd.UtcDateTime, 1, 1, mail.Id), (digest.PeriodStartUtc, digest.PeriodEndUtc, digest.ShareBacks, digest.OutcomeChanges, digest.MailId));

        // As it arrives: the HTML part links every item to its permalink and encodes the titles.
        await Outbox.SendDueAsync(app);
        await Eventually.TrueAsync(() => Task.FromResult(shared.Server.MessagesTo(scene.FayEmail).Count >= 2), "the digest at the SMTP server (after the account's confirmation)");
        var messages = new List<MimeMessage>();
        foreach (var m in shared.Server.MessagesTo(scene.FayEmail))
        {
            messages.Add(await MimeMessage.ParseFileAsync(m.Path));
        }
        var message = Assert.Single(messages, m => m.Subject.StartsWith(Subject, StringComparison.Ordinal));
        Assert.Equal(mail.Subject, message.Subject);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.Parts.First(p => p.ContentType == "text/html").Text);
        var links = html.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Copilot <b>wrote</b> our tests & \"more\"", $"{PlayDayApp.PublicBaseUrl}/sharebacks/{copilot}"), links);
        Assert.Contains(("Copilot from last week", $"{PlayDayApp.PublicBaseUrl}/sharebacks/{scene.OldCopilotId}"), links);
        Assert.Contains(links, l => l.Item2 == $"{PlayDayApp.PublicBaseUrl}/me/following");
        Assert.Empty(html.QuerySelectorAll("b"));
        Assert.Contains("Asking Copilot for unit tests", message.Parts.First(p => p.ContentType == "text/plain").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_new_in_followed_tools_sends_no_email_and_the_period_stays_done()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "quiet");
        app.Clock.SetUtcNow(WeekStart.AddDays(2));
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Chatters", "ChatGPT drafts replies", "Body.", "chatgpt");

        app.Clock.SetUtcNow(WeekEnd);
        Assert.Equal(new DigestWorker.Round(1, 0), await RoundAsync(app));
        Assert.Equal(new DigestWorker.Round(0, 0), await RoundAsync(app));
        Assert.Empty(await DigestMailsToAsync(app, scene.FayEmail));
        var digest = Assert.Single(await DigestsAsync(app));
        Assert.Equal((0, 0, (int?)null), (digest.ShareBacks, digest.OutcomeChanges, digest.MailId));
    }

    [Fact]
    public async Task The_next_digest_covers_only_what_came_after_the_last_one()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "next");
        await WeekOfNewsAsync(app, scene);
        app.Clock.SetUtcNow(WeekEnd);
        Assert.Equal(1, (await RoundAsync(app)).Emails);

        app.Clock.SetUtcNow(WeekEnd.AddDays(1));
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Second Wave", "Copilot for release notes", "Body.", "copilot");
        app.Clock.SetUtcNow(WeekEnd.AddDays(7));
        Assert.Equal(1, (await RoundAsync(app)).Emails);

        var mails = await DigestMailsToAsync(app, scene.FayEmail);
        Assert.Equal(2, mails.Count);
        Assert.Equal("PlayDay digest: 1 new share-back in copilot", mails[1].Subject);
        Assert.Contains("Copilot for release notes", mails[1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Copilot <b>wrote</b>", mails[1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Copilot from last week", mails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_sends_nothing_and_daily_comes_every_day()
    {
        using var app = new PlayDayApp();
        var scene = await ArrangeAsync(app, "often");
        var daisy = await Browser.RegisteredAsync(app, "Daisy Daily", "often-daisy@example.test");
        await FollowAsync(daisy, "copilot");
        await DigestEveryAsync(daisy, "Daily");
        await DigestEveryAsync(scene.Fay, "Off");

        app.Clock.SetUtcNow(WeekStart.AddHours(2));
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Day One", "Copilot on Monday", "Body.", "copilot");
        app.Clock.SetUtcNow(WeekStart.AddDays(1));
        Assert.Equal(new DigestWorker.Round(1, 1), await RoundAsync(app));
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Day Two", "Copilot on Tuesday", "Body.", "copilot");
        Assert.Equal(new DigestWorker.Round(0, 0), await RoundAsync(app));
        app.Clock.SetUtcNow(WeekStart.AddDays(2));
        Assert.Equal(new DigestWorker.Round(1, 1), await RoundAsync(app));
        app.Clock.SetUtcNow(WeekEnd);
        await RoundAsync(app);

        var daily = await DigestMailsToAsync(app, "often-daisy@example.test");
        Assert.Equal(2, daily.Count);
        Assert.Contains("Copilot on Monday", daily[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Copilot on Tuesday", daily[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Copilot on Tuesday", daily[1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Copilot on Monday", daily[1].TextBody, StringComparison.Ordinal);
        Assert.Empty(await DigestMailsToAsync(app, scene.FayEmail));
        var fayId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == scene.FayEmail).Select(u => u.Id).SingleAsync());
        Assert.DoesNotContain(await DigestsAsync(app), d => d.UserId == fayId);
    }

    [Fact]
    public async Task The_organizers_default_applies_to_people_who_never_chose()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["Following:DefaultDigest"] = "Off" });
        var scene = await ArrangeAsync(app, "default");
        await WeekOfNewsAsync(app, scene);
        app.Clock.SetUtcNow(WeekEnd);
        Assert.Equal(new DigestWorker.Round(0, 0), await RoundAsync(app));

        await DigestEveryAsync(scene.Fay, "Weekly");
        Assert.Equal(new DigestWorker.Round(1, 1), await RoundAsync(app));
        Assert.Single(await DigestMailsToAsync(app, scene.FayEmail));
    }

    [Fact]
    public async Task A_restart_on_the_same_database_file_sends_no_digest_twice()
    {
        var data = Directory.CreateTempSubdirectory("playday-digest-restart-");
        try
        {
            string fayEmail;
            using (var before = new PlayDayApp(data.FullName))
            {
                var scene = await ArrangeAsync(before, "restart");
                fayEmail = scene.FayEmail;
                await WeekOfNewsAsync(before, scene);
                before.Clock.SetUtcNow(WeekEnd.AddMinutes(5));
                Assert.Equal(1, (await RoundAsync(before)).Emails);
            }

            using var after = new PlayDayApp(data.FullName, now: WeekEnd.AddMinutes(10), settings: Running());
            var heartbeats = after.Services.GetRequiredService<JobHeartbeats>();
            await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(DigestWorker.JobName)), "the restarted app's first digest round");
            Assert.Null(heartbeats.Snapshot()[DigestWorker.JobName].LastError);
            Assert.Equal(new DigestWorker.Round(0, 0), await RoundAsync(after));
            Assert.Single(await DigestMailsToAsync(after, fayEmail));
            Assert.Single(await DigestsAsync(after));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_file_make_one_digest_per_person()
    {
        var data = Directory.CreateTempSubdirectory("playday-digest-twice-");
        try
        {
            using var first = new PlayDayApp(data.FullName);
            var scene = await ArrangeAsync(first, "twice");
            var gus = await Browser.RegisteredAsync(first, "Gus Second", "twice-gus@example.test");
            await FollowAsync(gus, "copilot");
            await WeekOfNewsAsync(first, scene);

            using var one = new PlayDayApp(data.FullName, now: WeekEnd.AddMinutes(1), settings: Running());
            using var two = new PlayDayApp(data.FullName, now: WeekEnd.AddMinutes(1), settings: Running());
            _ = one.Services;
            _ = two.Services;
            // Both workers run on their own, and each instance is asked for rounds of its own at the same time.
            var rounds = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { RoundAsync(one), RoundAsync(two) }));
            foreach (var app in new[] { one, two })
            {
                var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();
                await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(DigestWorker.JobName)), "each instance's own digest round");
                Assert.Null(heartbeats.Snapshot()[DigestWorker.JobName].LastError);
            }

            Assert.True(rounds.Sum(r => r.Emails) <= 2, $"the rounds the test asked for made {rounds.Sum(r => r.Emails)} digests");
            Assert.Equal(2, (await DigestsAsync(one)).Count);
            Assert.Single(await DigestMailsToAsync(one, scene.FayEmail));
            Assert.Single(await DigestMailsToAsync(one, "twice-gus@example.test"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("2026-11-12T10:00:00Z", "Daily", "2026-11-11T07:00:00Z", "2026-11-12T07:00:00Z")]
    [InlineData("2026-11-12T06:59:59Z", "Daily", "2026-11-10T07:00:00Z", "2026-11-11T07:00:00Z")]
    [InlineData("2026-11-12T10:00:00Z", "Weekly", "2026-11-02T07:00:00Z", "2026-11-09T07:00:00Z")]
    [InlineData("2026-11-16T07:00:00Z", "Weekly", "2026-11-09T07:00:00Z", "2026-11-16T07:00:00Z")]
    [InlineData("2026-11-16T06:59:00Z", "Weekly", "2026-11-02T07:00:00Z", "2026-11-09T07:00:00Z")]
    public void A_period_ends_at_the_send_hour_daily_or_on_the_weekly_day(string now, string frequency, string start, string end)
    {
        static DateTime Utc(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var period = DigestPeriod.LastEnded(Enum.Parse<DigestFrequency>(frequency), Utc(now), 7, DayOfWeek.Monday);
        Assert.Equal(new DigestPeriod(Utc(start), Utc(end)), period);
        Assert.Null(DigestPeriod.LastEnded(DigestFrequency.Off, Utc(now), 7, DayOfWeek.Monday));
    }
}
