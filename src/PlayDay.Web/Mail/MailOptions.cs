namespace PlayDay.Web.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SMTP server; when empty, mail is written as .eml files to the pickup folder instead.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>Use STARTTLS.</summary>
    public bool EnableTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "playday@example.com";

    public string FromName { get; set; } = "PlayDay";

    /// <summary>Attempts before a message is marked as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
}
