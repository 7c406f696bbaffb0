namespace PlayDay.Web.Rsvps;

/// <summary>How the connection to the IMAP server is secured.</summary>
public enum ImapSecurity
{
    /// <summary>Plain text; only for a server on the same machine or network.</summary>
    None,

    /// <summary>Upgrade with STARTTLS, and refuse a server that does not offer it (port 143).</summary>
    StartTls,

    /// <summary>Upgrade with STARTTLS when the server offers it, else plain text.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (port 993).</summary>
    SslOnConnect,
}

/// <summary>Where calendar replies are read from: the organizer mailbox, over IMAP. Off while <see cref="ImapHost"/> is empty.</summary>
public sealed class RsvpOptions
{
    public const string Section = "Rsvp";

    public string? ImapHost { get; set; }

    public int ImapPort { get; set; } = 993;

    public ImapSecurity Security { get; set; } = ImapSecurity.SslOnConnect;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder replies arrive in.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Seconds between two looks at the mailbox.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Seconds to wait for the server at each step.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsOn => !string.IsNullOrWhiteSpace(ImapHost);
}
