using System.Text;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Calendar;

/// <summary>Turns play days into calendar events and .ics documents.</summary>
public sealed class PlayDayCalendar(IOptions<CalendarOptions> options)
{
    private CalendarOptions Options => options.Value;

    public CalendarPerson Organizer => new(Options.OrganizerEmail, Options.OrganizerName);

    public Uri PageUrl(int playDayId) => new(new Uri(Options.PublicBaseUrl.TrimEnd('/') + "/"), $"playdays/{playDayId}");

    public Uri FeedUrl(string token) => new(new Uri(Options.PublicBaseUrl.TrimEnd('/') + "/"), $"calendar/{token}.ics");

    public CalendarEvent Event(PlayDayEvent playDay, IReadOnlyList<CalendarPerson>? attendees = null)
    {
        var description = new StringBuilder();
        if (playDay.VideoLink is not null)
        {
            description.Append("Join: ").Append(playDay.VideoLink).Append('\n');
        }
        description.Append("Details: ").Append(PageUrl(playDay.Id).AbsoluteUri).Append("\n\n").Append(playDay.Brief);
        return new CalendarEvent(
            playDay.CalendarUid,
            playDay.Sequence,
            playDay.Times,
            playDay.Title,
            description.ToString(),
            playDay.Location ?? playDay.VideoLink,
            PageUrl(playDay.Id),
            playDay.IsCancelled,
            Organizer)
        {
            Attendees = attendees ?? [],
            Reminder = Options.ReminderMinutes > 0 ? TimeSpan.FromMinutes(Options.ReminderMinutes) : null,
        };
    }

    /// <summary>
    /// A team's share-back slot, estimated until the session runs: the share-backs fill the end of
    /// the play day in queue order, one slot each.
    /// </summary>
    public CalendarEvent ShareBackSlot(PlayDayEvent playDay, Team team, int position, int teamCount)
    {
        var length = TimeSpan.FromMinutes(playDay.ShareBackMinutes);
        var start = playDay.EndsAtUtc - (teamCount - position) * length;
        if (start < playDay.StartsAtUtc)
        {
            start = playDay.StartsAtUtc + position * length;
        }
        var zone = playDay.Times.Zone;
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(start, zone);
        var localEnd = TimeZoneInfo.ConvertTimeFromUtc(start + length, zone);
        return new CalendarEvent(
            SlotUid(playDay.CalendarUid, team.Id),
            playDay.Sequence,
            new Scheduling.PlayDayTimes(DateOnly.FromDateTime(localStart), TimeOnly.FromDateTime(localStart), TimeOnly.FromDateTime(localEnd), zone),
            $"Share-back: {team.Name} ({playDay.ShareBackMinutes} min)",
            $"Your team's {playDay.ShareBackMinutes}-minute share-back at {playDay.Title}, number {position + 1} of {teamCount} in the queue. "
                + $"The time is an estimate; the live board has the real one: {PageUrl(playDay.Id).AbsoluteUri}/board",
            playDay.Location ?? playDay.VideoLink,
            new Uri(PageUrl(playDay.Id).AbsoluteUri + "/board"),
            playDay.IsCancelled,
            Organizer);
    }

    /// <summary>A stable UID for a team's slot that, like the play day's, reveals no host or user.</summary>
    private static Guid SlotUid(Guid playDayUid, int teamId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{playDayUid:D}/slot/{teamId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public string Document(CalendarMethod method, IEnumerable<PlayDayEvent> playDays, DateTime stampUtc, string? calendarName = null,
        IReadOnlyList<CalendarPerson>? attendees = null) =>
        IcsWriter.Write(method, playDays.Select(p => Event(p, attendees)).ToList(), stampUtc, calendarName);

    public string Document(CalendarMethod method, IReadOnlyList<CalendarEvent> events, DateTime stampUtc, string? calendarName = null) =>
        IcsWriter.Write(method, events, stampUtc, calendarName);
}
