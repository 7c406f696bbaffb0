namespace PlayDay.Web.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a relay on the same machine or network.</summary>
    None,

    /// <summary>Upgrade with STARTTLS, and refuse a server that does not offer it (port 587).</summary>
    StartTls,

    /// <summary>Upgrade with STARTTLS when the server offers it, else plain text.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

public sealed class MailOptions
{
    public const string Section = "Mail";

    public const string DefaultFrom = "playday@example.com";

    /// <summary>SMTP server; when empty, mail is written as .eml files to the pickup folder instead.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>How the connection is secured; when not set, the older <see cref="EnableTls"/> decides.</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>Before <see cref="Security"/>: true meant STARTTLS, false plain text. Read only when Security is not set.</summary>
    public bool? EnableTls { get; set; }

    public SmtpSecurity EffectiveSecurity => Security ?? (EnableTls == false ? SmtpSecurity.None : SmtpSecurity.StartTls);

    /// <summary>Authenticate with these when <see cref="UserName"/> is set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Seconds to wait for the server at each step (connect, each command).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Check the server certificate's revocation; turn off only for a server whose CA publishes no revocation list.</summary>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>
    /// SHA-256 thumbprint (hex) of a server certificate to accept even though no trusted CA signed it,
    /// for an internal relay with a self-signed certificate. Every other certificate is validated as usual.
    /// </summary>
    public string? ServerCertificateThumbprint { get; set; }

    /// <summary>The sender; when empty, Calendar:OrganizerEmail, else <see cref="DefaultFrom"/>.</summary>
    public string From { get; set; } = "";

    public string FromName { get; set; } = "PlayDay";

    /// <summary>Allow Calendar:OrganizerEmail to differ from <see cref="From"/> on purpose (say a no-reply sender and a shared organizer mailbox).</summary>
    public bool AllowDifferentOrganizer { get; set; }

    /// <summary>Attempts before a message is marked as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
}
