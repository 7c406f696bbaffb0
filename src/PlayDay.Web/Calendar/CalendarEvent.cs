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

/// <summary>
/// One VEVENT, in the terms of RFC 5545 rather than of the app. The instants are the truth; the
/// writer shows them as local times in <c>Zone</c> wherever a reader gets the same
/// instants back.
/// </summary>
public sealed record CalendarEvent(
    Guid Uid,
    int Sequence,
    TimeZoneInfo Zone,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
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

/// <summary>
/// What makes a calendar a subscription feed (RFC 7986): its name, how often to fetch it again and,
/// where a calendar app can fetch it without a cookie, its own address.
/// </summary>
public sealed record CalendarFeed(string Name, Uri? Source, TimeSpan RefreshInterval);
