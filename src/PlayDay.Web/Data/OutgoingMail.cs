namespace PlayDay.Web.Data;

/// <summary>
/// An email waiting to be sent, sent, or given up on. Sending happens in the background with
/// retries; the row keeps the outcome so organizers can see it.
/// </summary>
public sealed class OutgoingMail
{
    public int Id { get; set; }
    public int? PlayDayId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";

    /// <summary>iTIP method of the calendar part (REQUEST, CANCEL), or null for mail without one.</summary>
    public string? CalendarMethod { get; set; }
    public string? Calendar { get; set; }

    /// <summary>
    /// For mail someone can stop (the digest): the https address that stops it, sent as <c>List-Unsubscribe</c> with
    /// <c>List-Unsubscribe-Post</c> (RFC 8058 one-click), so mail programs offer an "Unsubscribe" button.
    /// </summary>
    public string? ListUnsubscribe { get; set; }

    public const int ListUnsubscribeMaxLength = 1000;

    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime? GaveUpAtUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>File name in the pickup folder when no SMTP server is configured.</summary>
    public string? PickupFile { get; set; }
}
