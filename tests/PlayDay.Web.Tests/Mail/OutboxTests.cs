using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Tests.Mail;

/// <summary>The outbox without an SMTP server (mail goes to the pickup folder): one bad message never hurts the rest.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("playday-outbox-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    private static async Task AssertServingAsync(PlayDayApp app)
    {
        using var health = await app.CreateBrowser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host keeps running");
    }

    [Fact]
    public async Task A_message_that_cannot_be_built_fails_on_its_own_and_the_next_one_is_still_sent()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        var poisoned = await Outbox.QueueAsync(app, "sam@example.test\r\nBcc: everyone@example.test");
        var invalid = await Outbox.QueueAsync(app, "not an address");
        var fine = await Outbox.QueueAsync(app, "priya@example.test");

        await Outbox.SendDueAsync(app);

        foreach (var id in new[] { poisoned, invalid })
        {
            var failed = await Outbox.MailAsync(app, id);
            Assert.NotNull(failed.GaveUpAtUtc);
            Assert.Equal(1, failed.Attempts);
            Assert.Contains("The message cannot be built: The recipient", failed.LastError, StringComparison.Ordinal);
            Assert.Contains("is not an email address", failed.LastError, StringComparison.Ordinal);
            Assert.Null(failed.PickupFile);
        }
        var sent = await Outbox.MailAsync(app, fine);
        Assert.NotNull(sent.SentAtUtc);
        Assert.True(File.Exists(Outbox.PickupPath(app, sent.PickupFile!)));
        await AssertServingAsync(app);
    }

    [Fact]
    public async Task After_a_failure_a_restart_neither_sends_the_message_again_nor_crashes()
    {
        int poisoned;
        using (var first = new PlayDayApp(_dataDirectory.FullName))
        {
            poisoned = await Outbox.QueueAsync(first, "sam@example.test\nX-Injected: yes");
            await Outbox.SendDueAsync(first);
            Assert.NotNull((await Outbox.MailAsync(first, poisoned)).GaveUpAtUtc);
        }

        using var second = new PlayDayApp(_dataDirectory.FullName);
        var fine = await Outbox.QueueAsync(second, "priya@example.test");
        await Outbox.SendDueAsync(second);

        var failed = await Outbox.MailAsync(second, poisoned);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.GaveUpAtUtc);
        Assert.NotNull((await Outbox.MailAsync(second, fine)).SentAtUtc);
        Assert.Equal(["000002.eml"], Directory.GetFiles(Path.Combine(_dataDirectory.FullName, "mail-pickup")).Select(Path.GetFileName));
        await AssertServingAsync(second);
    }

    [Fact]
    public async Task An_attempt_cut_short_by_a_crash_counts_so_a_message_that_crashes_the_app_gives_up_instead_of_looping()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        // Rows as a crash mid-send leaves them: the attempt was recorded, its outcome never was.
        const string cutShort = "Attempt {0} began at 09:59:00 UTC and has not finished.";
        var lastAttempt = await Outbox.QueueAsync(app, "sam@example.test", change: m => (m.Attempts, m.LastError) = (5, string.Format(null, cutShort, 5)));
        var earlierAttempt = await Outbox.QueueAsync(app, "priya@example.test", change: m => (m.Attempts, m.LastError) = (2, string.Format(null, cutShort, 2)));

        await Outbox.SendDueAsync(app);

        var gaveUp = await Outbox.MailAsync(app, lastAttempt);
        Assert.NotNull(gaveUp.GaveUpAtUtc);
        Assert.Null(gaveUp.SentAtUtc);
        Assert.Equal(5, gaveUp.Attempts);
        Assert.Contains("never finished", gaveUp.LastError, StringComparison.Ordinal);
        var retried = await Outbox.MailAsync(app, earlierAttempt);
        Assert.NotNull(retried.SentAtUtc);
        Assert.Equal(3, retried.Attempts);
        Assert.Null(retried.LastError);
        Assert.False(File.Exists(Outbox.PickupPath(app, $"{lastAttempt:D6}.eml")));
    }

    [Fact]
    public async Task A_line_break_in_a_stored_subject_reaches_the_header_on_one_line_and_injects_nothing()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        var id = await Outbox.QueueAsync(app, "sam@example.test", "AI Play Day\r\nBcc: everyone@example.test\n\nGotcha");

        await Outbox.SendDueAsync(app);

        var mail = await Outbox.MailAsync(app, id);
        var message = await MimeMessage.ParseFileAsync(Outbox.PickupPath(app, mail.PickupFile!));
        Assert.Equal("AI Play Day Bcc: everyone@example.test Gotcha", message.Subject);
        Assert.DoesNotContain("Bcc", message.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.True(message.OnlyCrlfLineEndings);
        Assert.Equal("multipart/alternative[text/plain,text/html]", message.Structure);
        Assert.Equal("Line one\r\nLine two\r\n", message.Parts[0].Text);
    }

    [Fact]
    public async Task A_pickup_file_carries_a_Message_ID_that_a_resend_of_the_same_row_repeats_and_the_current_Date()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        var id = await Outbox.QueueAsync(app, "sam@example.test");
        await Outbox.SendDueAsync(app);
        var first = await MimeMessage.ParseFileAsync(Outbox.PickupPath(app, (await Outbox.MailAsync(app, id)).PickupFile!));

        // As if the app had crashed after writing the file and before recording it: the row is due again.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.WithDbAsync(db => db.OutgoingMails.Where(m => m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAtUtc, (DateTime?)null).SetProperty(m => m.NextAttemptAtUtc, app.Clock.GetUtcNow().UtcDateTime)));
        await Outbox.SendDueAsync(app);

        var again = await MimeMessage.ParseFileAsync(Outbox.PickupPath(app, (await Outbox.MailAsync(app, id)).PickupFile!));
        Assert.Matches(@"^<outbox-\d+\.[0-9a-f]{16}@example\.com>$", first.MessageId);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(PlayDayApp.DefaultNow, first.Date);
        Assert.Equal(app.Clock.GetUtcNow(), again.Date);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail-pickup"), "*.tmp"));
    }

    [Fact]
    public async Task The_worker_reports_each_round_to_the_heartbeats()
    {
        using var app = new PlayDayApp(_dataDirectory.FullName);
        var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();

        await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(OutboxWorker.JobName)), "a heartbeat from the outbox");

        var beat = heartbeats.Snapshot()[OutboxWorker.JobName];
        Assert.Null(beat.LastError);
        Assert.True(beat.Interval > TimeSpan.Zero);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, beat.AtUtc);
    }
}
