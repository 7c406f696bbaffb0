using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Calendar;

/// <summary>iTIP methods (RFC 5546) this app sends.</summary>
public enum CalendarMethod
{
    /// <summary>Downloads and subscription feeds.</summary>
    Publish,

    /// <summary>An invitation, or an update to one (same UID, higher SEQUENCE).</summary>
    Request,

    /// <summary>The event is cancelled.</summary>
    Cancel,
}

public sealed record CalendarPerson(string Email, string? Name = null);

/// <summary>One VEVENT, in the terms of RFC 5545 rather than of the app.</summary>
public sealed record CalendarEvent(
    Guid Uid,
    int Sequence,
    PlayDayTimes Times,
    string Summary,
    string Description,
    string? Location,
    Uri? Url,
    bool Cancelled,
    CalendarPerson Organizer)
{
    public IReadOnlyList<CalendarPerson> Attendees { get; init; } = [];

    /// <summary>How long before the start a reminder fires; null for none.</summary>
    public TimeSpan? Reminder { get; init; }
}
