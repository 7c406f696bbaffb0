using System.Net.Mail;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>
/// Sends queued mail in the background, so a page never waits for a mail server. Failures are
/// retried with growing pauses; after the last attempt the message is marked as given up. Either
/// way the outcome is stored on the row for organizers to see.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, MailSender sender, OutboxSignal signal, TimeProvider clock,
    IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    // One batch at a time, so a message is never sent twice by overlapping runs.
    private readonly SemaphoreSlim _batch = new(1, 1);

    private static readonly TimeSpan[] Pauses = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateException e)
            {
                logger.LogError(e, "The outbox could not record a send; it will try again.");
            }
        }
    }

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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutgoingMails
            .Where(m => m.SentAtUtc == null && m.GaveUpAtUtc == null && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        foreach (var mail in due)
        {
            mail.Attempts++;
            try
            {
                mail.PickupFile = await sender.SendAsync(mail, cancellationToken);
                mail.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                mail.LastError = null;
            }
            catch (Exception e) when (e is SmtpException or IOException or SocketException or InvalidOperationException or FormatException or UnauthorizedAccessException)
            {
                var failedAt = clock.GetUtcNow().UtcDateTime;
                mail.LastError = Describe(e);
                if (mail.Attempts >= options.Value.MaxAttempts)
                {
                    mail.GaveUpAtUtc = failedAt;
                    logger.LogError(e, "Gave up sending mail {Id} to {To} after {Attempts} attempts.", mail.Id, mail.To, mail.Attempts);
                }
                else
                {
                    mail.NextAttemptAtUtc = failedAt + Pauses[Math.Min(mail.Attempts - 1, Pauses.Length - 1)];
                    logger.LogWarning(e, "Sending mail {Id} to {To} failed (attempt {Attempts}); will retry.", mail.Id, mail.To, mail.Attempts);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string Describe(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }
        return message.Length > 2000 ? message[..2000] : message;
    }
}
