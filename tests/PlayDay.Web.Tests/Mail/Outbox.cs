using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Data;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Tests.Mail;

/// <summary>Arranges and reads outbox rows directly, for mail that did not come through a form (or would not pass one).</summary>
public static class Outbox
{
    /// <summary>
    /// Queues a plain message, due now, without any of the checks a form would make. It waits for the
    /// worker's first round first: the worker then sleeps until woken, so the test decides when mail goes.
    /// </summary>
    public static async Task<int> QueueAsync(PlayDayApp app, string to, string subject = "Hello from PlayDay", Action<OutgoingMail>? change = null)
    {
        var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();
        await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(OutboxWorker.JobName)), "the outbox's first round");
        return await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var mail = new OutgoingMail
            {
                To = to,
                Subject = subject,
                TextBody = "Line one\nLine two\n",
                HtmlBody = "<p>Line one</p>\n<p>Line two</p>",
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            };
            change?.Invoke(mail);
            db.OutgoingMails.Add(mail);
            await db.SaveChangesAsync();
            return mail.Id;
        });
    }

    public static Task<OutgoingMail> MailAsync(PlayDayApp app, int id) =>
        app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Runs one outbox round now (waiting for one the worker may have started on its own).</summary>
    public static Task SendDueAsync(PlayDayApp app) =>
        app.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None);

    public static string PickupPath(PlayDayApp app, string file) => Path.Combine(app.DataDirectory, "mail-pickup", file);
}
