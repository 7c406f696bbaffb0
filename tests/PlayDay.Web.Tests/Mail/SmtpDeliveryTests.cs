using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Mail;
using PlayDay.Web.Tests.Calendar;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Mail;

public sealed class SmtpDeliveryTests
{
    private static Dictionary<string, string> SmtpSettings(int port) => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:EnableTls"] = "false",
        ["Mail:From"] = "playday@example.test",
        ["Calendar:OrganizerEmail"] = "organizers@example.test",
    };

    [Fact]
    public async Task An_invitation_reaches_a_real_SMTP_server_with_a_matching_method_and_a_parseable_calendar()
    {
        using var smtp = await SmtpServer.StartAsync();
        using var app = new PlayDayApp(settings: SmtpSettings(smtp.Port));
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        var response = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(smtp.ReceivedFiles.Count == 1), "the SMTP server to receive the invitation");
        var message = await MimeMessage.ParseFileAsync(smtp.ReceivedFiles[0]);
        Assert.Equal("sam@example.test", message.To);
        Assert.Contains("playday@example.test", message.From, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", message.ContentType);
        Assert.Equal("REQUEST", message.Calendar.Params["method"]);
        var parsed = await IcalJs.ParseAsync(message.Calendar.Text);
        Assert.Equal("REQUEST", parsed.Method);
        var e = Assert.Single(parsed.Events);
        Assert.Equal("mailto:organizers@example.test", e.Organizer);
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), e.StartUtc);
        var stored = await app.WithDbAsync(db => db.OutgoingMails.SingleAsync());
        Assert.NotNull(stored.SentAtUtc);
        Assert.Null(stored.PickupFile);
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("✓ Sent", page.One(".mail-log").TextContent, StringComparison.Ordinal);
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
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.Attempts == 1)), "the first attempt");
        var retrying = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("Retrying (attempt 1 failed:", retrying.One(".mail-log").TextContent, StringComparison.Ordinal);

        var worker = app.Services.GetRequiredService<OutboxWorker>();
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            app.Clock.Now = app.Clock.Now.AddHours(3);
            await worker.SendDueAsync(CancellationToken.None);
        }

        var mail = await app.WithDbAsync(db => db.OutgoingMails.SingleAsync());
        Assert.NotNull(mail.GaveUpAtUtc);
        Assert.Equal(5, mail.Attempts);
        Assert.Null(mail.SentAtUtc);
        var failed = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Contains("✗ Failed after 5 attempts:", failed.One(".mail-log").TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(mail.LastError));
    }
}
