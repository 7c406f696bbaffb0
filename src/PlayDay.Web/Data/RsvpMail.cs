namespace PlayDay.Web.Data;

/// <summary>
/// An email with a calendar part that the RSVP job read from the organizer mailbox, and what it did
/// with it. The key makes "each message once" hold across restarts, even when the mailbox flag that
/// marks it handled was never set; the outcome tells organizers why a reply did or did not count.
/// </summary>
public sealed class RsvpMail
{
    public const int KeyMaxLength = 300;
    public const int OutcomeMaxLength = 1000;

    public int Id { get; set; }

    /// <summary>The Message-ID, or a hash of the message when it has none (or an absurdly long one).</summary>
    public string MessageKey { get; set; } = "";

    /// <summary>The From address, for organizers to read; never trusted beyond the attendee check.</summary>
    public string From { get; set; } = "";

    /// <summary>The play day the reply was about, when its UID matched one.</summary>
    public int? PlayDayId { get; set; }

    public DateTime ReadAtUtc { get; set; }

    /// <summary>Whether an answer was taken from it.</summary>
    public bool Applied { get; set; }

    public string Outcome { get; set; } = "";
}
