using System.Collections.Concurrent;
using System.Globalization;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using PlayDay.Web.Data;
using PlayDay.Web.Health;

namespace PlayDay.Web.Mail;

/// <summary>
/// Sends queued mail in the background, so a page never waits for a mail server. Each message fails
/// on its own: nothing one message does can stop the worker or the host. Every attempt is counted in
/// the database before the message goes out, so a message that brings the app down mid-send still
/// runs out of attempts instead of looping across restarts. A message that cannot succeed (it cannot
/// be built, or the server rejects it with a 5xx) is given up at once; anything else is retried with
/// growing pauses up to Mail:MaxAttempts. The outcome is stored on the row for organizers to see.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, MailSender sender, MailComposer composer, OutboxSignal signal,
    JobHeartbeats heartbeats, TimeProvider clock, IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    public const string JobName = "outbox";
    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PauseAfterError = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    // One batch at a time, so a message is never sent twice by overlapping runs.
    private readonly SemaphoreSlim _batch = new(1, 1);

    // Sent, but the database refused the news: this process never sends them again and records them each round until it can.
    private readonly ConcurrentDictionary<int, Delivery> _unrecorded = new();

    private sealed record Delivery(DateTime SentAtUtc, string? PickupFile);

    private enum Outcome { Sent, Skipped, Failed, ServerUnavailable }

    /// <summary>A whole send (connect, authenticate, transfer) gets this long before it counts as timed out.</summary>
    private TimeSpan SendTimeout => TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string? problem = null;
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong (the database, most likely), the loop goes on after a pause.
                problem = Describe(e);
                logger.LogError(e, "An outbox round failed; the next one starts in {Pause}.", PauseAfterError);
            }
            heartbeats.Report(JobName, PollInterval + SendTimeout, problem);
            try
            {
                if (problem is null)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
                else
                {
                    await Task.Delay(PauseAfterError, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends every message that is due; tests call it to run a round without waiting for the poll.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await _batch.WaitAsync(cancellationToken);
        try
        {
            await SendBatchAsync(cancellationToken);
        }
        finally
        {
            _batch.Release();
        }
    }

    public override void Dispose()
    {
        _batch.Dispose();
        base.Dispose();
    }

    private async Task SendBatchAsync(CancellationToken cancellationToken)
    {
        await RecordUnrecordedAsync(cancellationToken);
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var unrecorded = _unrecorded.Keys.ToList();
            due = await db.OutgoingMails
                .Where(m => m.SentAtUtc == null && m.GaveUpAtUtc == null && m.NextAttemptAtUtc <= now && !unrecorded.Contains(m.Id))
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }
        if (due.Count == 0)
        {
            return;
        }
        await using var session = sender.OpenSession();
        foreach (var id in due)
        {
            // When the server is down, the rest of the batch waits for the next round instead of each paying a timeout.
            if (await SendOneAsync(id, session, cancellationToken) == Outcome.ServerUnavailable)
            {
                return;
            }
        }
    }

    private async Task<Outcome> SendOneAsync(int id, MailSender.MailSession session, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        var mail = await db.OutgoingMails.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Sent, given up, or claimed by another instance since the batch was chosen.
        if (mail is null || mail.SentAtUtc is not null || mail.GaveUpAtUtc is not null || mail.NextAttemptAtUtc > now)
        {
            return Outcome.Skipped;
        }
        var maxAttempts = options.Value.MaxAttempts;
        if (mail.Attempts >= maxAttempts)
        {
            // Only an attempt that never finished leaves a row like this: the app stopped while sending it.
            mail.GaveUpAtUtc = now;
            mail.LastError = $"Gave up: attempt {mail.Attempts} never finished (the app stopped while sending it), and that was the last one.";
            await db.SaveChangesAsync(cancellationToken);
            logger.LogError("Gave up on mail {Id}: its last attempt never finished.", mail.Id);
            return Outcome.Failed;
        }

        // Counted before sending, with a provisional next attempt, so a crash mid-send is counted too. The count is
        // also the claim: of several instances that found the message due, only the one whose update still sees it
        // due with the count it read sends it; the provisional next attempt keeps the others away while it does.
        var attempt = mail.Attempts + 1;
        var next = now + Pauses[Math.Min(attempt - 1, Pauses.Length - 1)];
        var began = string.Create(CultureInfo.InvariantCulture, $"Attempt {attempt} began at {now:HH:mm:ss} UTC and has not finished.");
        var seen = mail.Attempts;
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == id && m.Attempts == seen && m.NextAttemptAtUtc <= now && m.SentAtUtc == null && m.GaveUpAtUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.NextAttemptAtUtc, next)
                .SetProperty(m => m.LastError, began), cancellationToken);
        if (claimed == 0)
        {
            return Outcome.Skipped; // Another instance is sending it.
        }
        db.ChangeTracker.Clear();
        mail = await db.OutgoingMails.SingleAsync(m => m.Id == id, cancellationToken);

        MimeMessage message;
        try
        {
            message = composer.Compose(mail);
        }
        catch (Exception e)
        {
            // Building is deterministic: what fails now fails every time.
            await FailAsync(db, mail, "The message cannot be built: " + Describe(e), permanent: true, e);
            return Outcome.Failed;
        }

        using (message)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(SendTimeout);
                mail.PickupFile = await session.SendAsync(message, mail.Id, deadline.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // Shutting down: the attempt stays counted and the message is due again after a restart.
            }
            catch (Exception e)
            {
                var permanent = IsPermanent(e);
                var reason = e is OperationCanceledException
                    ? string.Create(CultureInfo.InvariantCulture, $"The mail server did not finish within {SendTimeout.TotalSeconds:0} s.")
                    : Describe(e);
                await FailAsync(db, mail, reason, permanent, e);
                // A server that answered about this very message can take the next one.
                return permanent || IsAboutTheMessage(e) ? Outcome.Failed : Outcome.ServerUnavailable;
            }
        }

        mail.SentAtUtc = clock.GetUtcNow().UtcDateTime;
        mail.LastError = null;
        try
        {
            // The message is out: record it even while shutting down.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            _unrecorded[mail.Id] = new Delivery(mail.SentAtUtc.Value, mail.PickupFile);
            logger.LogError(e, "Mail {Id} was sent but the database did not record it; it will not be sent again, and recording is retried.", mail.Id);
            throw;
        }
        return Outcome.Sent;
    }

    private async Task FailAsync(PlayDayDbContext db, OutgoingMail mail, string reason, bool permanent, Exception e)
    {
        var maxAttempts = options.Value.MaxAttempts;
        mail.LastError = reason.Length > 2000 ? reason[..2000] : reason;
        if (permanent || mail.Attempts >= maxAttempts)
        {
            mail.GaveUpAtUtc = clock.GetUtcNow().UtcDateTime;
            logger.LogError(e, "Gave up sending mail {Id} after {Attempts} attempt(s).", mail.Id, mail.Attempts);
        }
        else
        {
            // NextAttemptAtUtc was set when the attempt began.
            logger.LogWarning(e, "Sending mail {Id} failed (attempt {Attempts} of {Max}); it will be retried.", mail.Id, mail.Attempts, maxAttempts);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task RecordUnrecordedAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, delivery) in _unrecorded)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            await db.OutgoingMails.Where(m => m.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.SentAtUtc, delivery.SentAtUtc)
                .SetProperty(m => m.PickupFile, delivery.PickupFile)
                .SetProperty(m => m.LastError, (string?)null), cancellationToken);
            _unrecorded.TryRemove(id, out _);
            logger.LogInformation("Mail {Id}, sent earlier, is now recorded as sent.", id);
        }
    }

    /// <summary>
    /// Permanent: the message itself is wrong (a malformed address or header) or the server refused it
    /// for good (5xx). Everything else (no connection, TLS, timeouts, 4xx) may pass and is retried.
    /// </summary>
    private static bool IsPermanent(Exception e) => e switch
    {
        SmtpCommandException command => IsAboutTheMessage(command) && (int)command.StatusCode is >= 500 and < 600,
        ParseException or FormatException or ArgumentException => true,
        _ => false,
    };

    /// <summary>
    /// A reply to this message's MAIL FROM, RCPT TO or DATA. Not so for 421 (the server is closing) or
    /// the authentication replies (530, 534, 535, 538): those are about the server or our settings, so
    /// they are retried like a server that cannot be reached, never given up per message.
    /// </summary>
    private static bool IsAboutTheMessage(Exception e) =>
        e is SmtpCommandException command && (int)command.StatusCode is not (421 or 530 or 534 or 535 or 538);

    private static string Describe(Exception e)
    {
        var message = e is SmtpCommandException command
            ? string.Create(CultureInfo.InvariantCulture, $"The mail server answered {(int)command.StatusCode}: {command.Message}")
            : e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }
        return message.Length > 2000 ? message[..2000] : message;
    }
}
