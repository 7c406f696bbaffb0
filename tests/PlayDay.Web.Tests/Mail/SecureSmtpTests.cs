using System.Globalization;

namespace PlayDay.Web.Tests.Mail;

/// <summary>An SMTP server that demands STARTTLS (with a self-signed certificate) and a password, shared by the class.</summary>
public sealed class SecureSmtpServer : IAsyncLifetime
{
    public const string User = "playday-relay";
    public const string Password = "relay pass: 9 horses";

    public TestCertificate Certificate { get; } = new();

    public SmtpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SmtpServer.StartAsync(User, Password, startTls: Certificate);

    public Task DisposeAsync()
    {
        Server.Dispose();
        Certificate.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SecureSmtpTests(SecureSmtpServer secure) : IClassFixture<SecureSmtpServer>
{
    private Dictionary<string, string> Settings(string? security = "StartTls", string? password = SecureSmtpServer.Password, bool pin = true, int? port = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = (port ?? secure.Server.Port).ToString(CultureInfo.InvariantCulture),
            ["Mail:UserName"] = SecureSmtpServer.User,
            ["Mail:Password"] = password ?? "",
            ["Mail:From"] = "playday@example.test",
        };
        if (security is not null)
        {
            settings["Mail:Security"] = security;
        }
        if (pin)
        {
            settings["Mail:ServerCertificateThumbprint"] = secure.Certificate.Sha256Thumbprint;
        }
        return settings;
    }

    [Fact]
    public async Task With_STARTTLS_the_pinned_certificate_and_the_password_mail_is_delivered_as_the_configured_user()
    {
        using var app = new PlayDayApp(settings: Settings());
        var id = await Outbox.QueueAsync(app, "sam.tls@example.test");

        await Outbox.SendDueAsync(app);

        var received = await secure.Server.WaitForAsync("sam.tls@example.test");
        Assert.Equal(SecureSmtpServer.User, received.Envelope.Login);
        Assert.NotNull((await Outbox.MailAsync(app, id)).SentAtUtc);
    }

    [Fact]
    public async Task The_older_EnableTls_setting_still_means_STARTTLS()
    {
        var settings = Settings(security: null);
        settings["Mail:EnableTls"] = "true";
        using var app = new PlayDayApp(settings: settings);
        await Outbox.QueueAsync(app, "sam.legacy@example.test");

        await Outbox.SendDueAsync(app);

        Assert.Equal(SecureSmtpServer.User, (await secure.Server.WaitForAsync("sam.legacy@example.test")).Envelope.Login);
    }

    [Fact]
    public async Task A_certificate_nobody_trusts_is_refused_unless_pinned_and_the_message_waits_for_a_retry()
    {
        using var app = new PlayDayApp(settings: Settings(pin: false));
        var id = await Outbox.QueueAsync(app, "sam.untrusted@example.test");

        await Outbox.SendDueAsync(app);

        var mail = await Outbox.MailAsync(app, id);
        Assert.Null(mail.SentAtUtc);
        Assert.Null(mail.GaveUpAtUtc);
        Assert.Equal(1, mail.Attempts);
        Assert.Contains("certificate", mail.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(secure.Server.MessagesTo("sam.untrusted@example.test"));
    }

    [Fact]
    public async Task A_wrong_password_is_retried_rather_than_given_up_since_it_is_the_settings_not_the_message()
    {
        using var app = new PlayDayApp(settings: Settings(password: "not the password"));
        var first = await Outbox.QueueAsync(app, "sam.wrong-password@example.test");
        var second = await Outbox.QueueAsync(app, "priya.wrong-password@example.test");

        await Outbox.SendDueAsync(app);

        var mail = await Outbox.MailAsync(app, first);
        Assert.Null(mail.GaveUpAtUtc);
        Assert.Equal(1, mail.Attempts);
        Assert.Contains("535", mail.LastError, StringComparison.Ordinal);
        // The server turned us away: the rest of the batch waits for the next round without spending an attempt.
        Assert.Equal(0, (await Outbox.MailAsync(app, second)).Attempts);
    }

    [Fact]
    public async Task With_TLS_from_the_first_byte_mail_is_delivered()
    {
        using var smtps = await SmtpServer.StartAsync(smtps: secure.Certificate);
        var settings = Settings(security: "SslOnConnect", port: smtps.Port);
        settings.Remove("Mail:UserName");
        using var app = new PlayDayApp(settings: settings);
        await Outbox.QueueAsync(app, "sam.smtps@example.test");

        await Outbox.SendDueAsync(app);

        Assert.Null((await smtps.WaitForAsync("sam.smtps@example.test")).Envelope.Login);
    }
}
