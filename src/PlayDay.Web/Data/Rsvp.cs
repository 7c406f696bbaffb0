namespace PlayDay.Web.Data;

/// <summary>What someone answered to "Are you coming?"</summary>
public enum RsvpResponse
{
    Going = 1,
    Maybe = 2,
    NotGoing = 3,
}

/// <summary>Where an answer came from.</summary>
public enum RsvpSource
{
    /// <summary>The person chose it on the play day's page, signed in.</summary>
    Site = 1,

    /// <summary>Their calendar app's reply (iTIP METHOD:REPLY) reached the organizer mailbox.</summary>
    CalendarReply = 2,
}

/// <summary>
/// One address's answer for one play day: the on-site answer (the account's email) and the calendar
/// reply (the ATTENDEE's mailto) are the same row, so whichever came last is the answer. Separate from
/// <see cref="Invitee"/>: answering on the site does not make someone an invitee (who would then get
/// every update), and inviting someone who already answered still sends them the invitation.
/// </summary>
public sealed class Rsvp
{
    public int Id { get; set; }
    public int PlayDayId { get; set; }

    /// <summary>The address as it was first given.</summary>
    public string Email { get; set; } = "";

    /// <summary><see cref="Normalize"/>d, as Identity stores an account's email: the row's key within the play day.</summary>
    public string NormalizedEmail { get; set; } = "";

    public RsvpResponse Response { get; private set; }
    public RsvpSource Source { get; private set; }

    /// <summary>When the answer was given: the clock for a site answer, the reply's DTSTAMP for a calendar reply.</summary>
    public DateTime RespondedAtUtc { get; private set; }

    /// <summary>The SEQUENCE of the invitation a calendar reply answered; null for a site answer.</summary>
    public int? ReplySequence { get; private set; }

    /// <summary>Goes up with every change, so a site answer and a calendar reply saved at once cannot overwrite each other unseen.</summary>
    public int Version { get; private set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>
    /// Takes the answer unless it is older than the one held (latest answer wins). A calendar reply is
    /// older when it answers an earlier SEQUENCE of the invitation than a reply already taken, or was
    /// made (DTSTAMP) before the held answer; a reply processed late therefore never overwrites a
    /// newer answer. A site answer is always the newest. Returns whether anything changed.
    /// </summary>
    public bool Answer(RsvpResponse response, RsvpSource source, DateTime atUtc, int? sequence = null)
    {
        if (Id != 0 && source == RsvpSource.CalendarReply
            && ((ReplySequence is { } held && sequence < held) || atUtc < RespondedAtUtc))
        {
            return false;
        }
        var changed = Id == 0 || Response != response || Source != source || RespondedAtUtc != atUtc || ReplySequence != sequence;
        Response = response;
        Source = source;
        RespondedAtUtc = atUtc;
        ReplySequence = source == RsvpSource.CalendarReply ? sequence : null;
        if (changed)
        {
            Version++;
        }
        return changed;
    }

    public static string Label(RsvpResponse response) => response switch
    {
        RsvpResponse.Going => "Going",
        RsvpResponse.Maybe => "Maybe",
        RsvpResponse.NotGoing => "Not going",
        _ => response.ToString(),
    };
}
