using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;
using PlayDay.Web.Tests.Calendar;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Mail;

/// <summary>Mail through MailKit to a real SMTP server on loopback (one per class; each test writes to its own recipients).</summary>
public sealed class SmtpDeliveryTests(SharedSmtpServer shared) : IClassFixture<SharedSmtpServer>
{
    private SmtpServer Smtp => shared.Server;

    private static Dictionary<string, string> SmtpSettings(int port) => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "playday@example.test",
    };

    private static string Unfolded(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    [Fact]
    public async Task An_invitation_reaches_a_real_SMTP_server_as_text_html_and_calendar_alternatives_plus_an_ics_attachment()
    {
        using var app = new PlayDayApp(settings: SmtpSettings(Smtp.Port));
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam.invited@example.test" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var received = await Smtp.WaitForAsync("sam.invited@example.test");
        Assert.Equal("playday@example.test", received.Envelope.MailFrom);
        var message = await MimeMessage.ParseFileAsync(received.Path);
        Assert.Equal(MimeMessage.InvitationStructure, message.Structure);
        Assert.True(message.OnlyCrlfLineEndings, "every line of the message ends in CRLF");
        Assert.Equal("sam.invited@example.test", message.To);
        Assert.Contains("playday@example.test", message.From, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow(), message.Date);
        var stored = await app.WithDbAsync(db => db.OutgoingMails.SingleAsync());
        Assert.Matches($@"^<outbox-{stored.Id}\.[0-9a-f]{{16}}@example\.test>$", message.MessageId);

        Assert.Equal("REQUEST", message.Calendar.Params["method"]);
        Assert.Equal("utf-8", message.Calendar.Params["charset"]);
        var attachment = message.Parts.Single(p => p.ContentType == "application/ics");
        Assert.Equal("attachment", attachment.Disposition);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal(message.Calendar.Text, attachment.Text);
        Assert.Contains("RSVP=TRUE", Unfolded(message.Calendar.Text), StringComparison.Ordinal);
        var parsed = await IcalJs.ParseAsync(message.Calendar.Text);
        Assert.Equal("REQUEST", parsed.Method);
        var e = Assert.Single(parsed.Events);
        Assert.Equal("mailto:playday@example.test", e.Organizer);
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), e.StartUtc);

        await Eventually.TrueAsync(async () => (await Outbox.MailAsync(app, stored.Id)).SentAtUtc is not null, "the send to be recorded");
        Assert.Null((await Outbox.MailAsync(app, stored.Id)).PickupFile);
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("✓ Sent", page.One(".mail-log").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_asks_nobody_to_reply()
    {
        using var app = new PlayDayApp(settings: SmtpSettings(Smtp.Port));
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam.cancelled@example.test" });
        await Smtp.WaitForAsync("sam.cancelled@example.test");

        await organizer.SubmitAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "Office move" });

        await Eventually.TrueAsync(() => Task.FromResult(Smtp.MessagesTo("sam.cancelled@example.test").Count == 2), "the cancellation");
        var message = await MimeMessage.ParseFileAsync(Smtp.MessagesTo("sam.cancelled@example.test")[1].Path);
        Assert.Equal(MimeMessage.InvitationStructure, message.Structure);
        Assert.Equal("CANCEL", message.Calendar.Params["method"]);
        var calendar = Unfolded(message.Calendar.Text);
        Assert.Contains("METHOD:CANCEL\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT:mailto:sam.cancelled@example.test\r\n", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("RSVP", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("NEEDS-ACTION", calendar, StringComparison.Ordinal);
        Assert.Equal("CANCEL", (await IcalJs.ParseAsync(message.Calendar.Text)).Method);
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_page_answers_at_once_and_shows_the_retries_then_the_failure()
    {
        var closedPort = SmtpServer.FreePort();
        using var app = new PlayDayApp(settings: SmtpSettings(closedPort));
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.TrueAsync(
            async () => await app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.Attempts == 1 && m.LastError!.Contains("refused"))),
            "the first attempt to be refused");
        var retrying = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("Retrying (attempt 1 failed:", retrying.One(".mail-log").TextContent, StringComparison.Ordinal);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromHours(3));
            await Outbox.SendDueAsync(app);
        }

        var mail = await app.WithDbAsync(db => db.OutgoingMails.SingleAsync());
        Assert.NotNull(mail.GaveUpAtUtc);
        Assert.Equal(5, mail.Attempts);
        Assert.Null(mail.SentAtUtc);
        Assert.Contains("refused", mail.LastError, StringComparison.OrdinalIgnoreCase);
        var failed = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("✗ Failed after 5 attempts:", failed.One(".mail-log").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_rejection_gives_up_at_once_a_temporary_one_is_retried_and_neither_holds_up_the_next_message()
    {
        using var app = new PlayDayApp(settings: SmtpSettings(Smtp.Port));
        var unknown = await Outbox.QueueAsync(app, "unknown.person@example.test");
        var busy = await Outbox.QueueAsync(app, "busy.person@example.test");
        var fine = await Outbox.QueueAsync(app, "sam.after-rejects@example.test");

        await Outbox.SendDueAsync(app);

        await Smtp.WaitForAsync("sam.after-rejects@example.test");
        var rejected = await Outbox.MailAsync(app, unknown);
        Assert.NotNull(rejected.GaveUpAtUtc);
        Assert.Equal(1, rejected.Attempts);
        Assert.Contains("550", rejected.LastError, StringComparison.Ordinal);
        var deferred = await Outbox.MailAsync(app, busy);
        Assert.Null(deferred.GaveUpAtUtc);
        Assert.Equal(1, deferred.Attempts);
        Assert.Contains("451", deferred.LastError, StringComparison.Ordinal);
        Assert.True(deferred.NextAttemptAtUtc > app.Clock.GetUtcNow().UtcDateTime);
        Assert.NotNull((await Outbox.MailAsync(app, fine)).SentAtUtc);
    }

    [Fact]
    public async Task An_attempt_is_counted_before_the_server_answers_and_a_silent_server_times_out_into_a_retry()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var settings = SmtpSettings(((IPEndPoint)silent.LocalEndpoint).Port);
        settings["Mail:TimeoutSeconds"] = "1";
        using var app = new PlayDayApp(settings: settings);
        var id = await Outbox.QueueAsync(app, "sam.silent@example.test");
        app.Services.GetRequiredService<OutboxSignal>().Wake();

        using var connection = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // The app is waiting for the server's greeting: the attempt is already on record.
        var during = await Outbox.MailAsync(app, id);
        Assert.Equal(1, during.Attempts);
        Assert.Null(during.SentAtUtc);
        Assert.Contains("has not finished", during.LastError, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => !(await Outbox.MailAsync(app, id)).LastError!.Contains("has not finished", StringComparison.Ordinal),
            "the attempt to time out");
        var after = await Outbox.MailAsync(app, id);
        Assert.Equal(1, after.Attempts);
        Assert.Null(after.GaveUpAtUtc);
        Assert.True(after.NextAttemptAtUtc > app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_message_sent_but_not_recorded_is_never_sent_again_and_is_recorded_once_the_database_takes_it()
    {
        using var app = new PlayDayApp(settings: SmtpSettings(Smtp.Port));
        // The database refuses to mark anything as sent, as a full disk would.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(RefuseSent(db)));
        var id = await Outbox.QueueAsync(app, "sam.once@example.test");
        app.Services.GetRequiredService<OutboxSignal>().Wake();

        await Smtp.WaitForAsync("sam.once@example.test");
        var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();
        await Eventually.TrueAsync(
            () => Task.FromResult(heartbeats.Snapshot().GetValueOrDefault(OutboxWorker.JobName)?.LastError?.Contains("the disk is full", StringComparison.Ordinal) == true),
            "the outbox to report the problem");
        app.Clock.Advance(TimeSpan.FromHours(3));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Outbox.SendDueAsync(app));
        Assert.Contains("the disk is full", refused.Message, StringComparison.Ordinal);
        Assert.Single(Smtp.MessagesTo("sam.once@example.test"));
        Assert.Null((await Outbox.MailAsync(app, id)).SentAtUtc);

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "DROP TRIGGER refuse_sent ON \"OutgoingMails\"" : "DROP TRIGGER refuse_sent"));
        await Outbox.SendDueAsync(app);

        var mail = await Outbox.MailAsync(app, id);
        Assert.NotNull(mail.SentAtUtc);
        Assert.Null(mail.LastError);
        Assert.Equal(1, mail.Attempts);
        Assert.Single(Smtp.MessagesTo("sam.once@example.test"));
    }

    /// <summary>A trigger that fails every update marking a mail as sent, in the database's own dialect.</summary>
    private static string RefuseSent(DbContext db) =>
        db.Database.IsNpgsql()
            ? """
              CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$;
              CREATE TRIGGER refuse_sent BEFORE UPDATE OF "SentAtUtc" ON "OutgoingMails" FOR EACH ROW WHEN (NEW."SentAtUtc" IS NOT NULL) EXECUTE FUNCTION refuse_sent();
              """
            : db.Database.IsSqlServer()
                ? """
                  CREATE TRIGGER refuse_sent ON OutgoingMails AFTER UPDATE AS
                  IF UPDATE(SentAtUtc) AND EXISTS (SELECT 1 FROM inserted WHERE SentAtUtc IS NOT NULL) THROW 50000, 'the disk is full', 1;
                  """
                : "CREATE TRIGGER refuse_sent BEFORE UPDATE OF SentAtUtc ON OutgoingMails WHEN NEW.SentAtUtc IS NOT NULL BEGIN SELECT RAISE(ABORT, 'the disk is full'); END";
}
