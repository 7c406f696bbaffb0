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

    public string Document(CalendarMethod method, IEnumerable<PlayDayEvent> playDays, DateTime stampUtc, string? calendarName = null,
        IReadOnlyList<CalendarPerson>? attendees = null) =>
        IcsWriter.Write(method, playDays.Select(p => Event(p, attendees)).ToList(), stampUtc, calendarName);
}
