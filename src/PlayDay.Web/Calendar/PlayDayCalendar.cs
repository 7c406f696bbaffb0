using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Calendar;

/// <summary>Turns play days into calendar events and .ics documents.</summary>
public sealed class PlayDayCalendar(IOptions<CalendarOptions> options, IHttpContextAccessor http, IServer server, LinkGenerator links)
{
    private CalendarOptions Options => options.Value;

    public CalendarPerson Organizer => new(Options.OrganizerEmail, Options.OrganizerName);

    /// <summary>
    /// The site's address as people reach it, ending in '/': Calendar:PublicBaseUrl when set; else the
    /// current request's scheme, host and path base, so links work on whatever port and name the site
    /// was opened with; else, for work outside a request, the server's first listening address.
    /// Outside Development the setting is required (<see cref="CalendarOptions.Validation"/>).
    /// </summary>
    public Uri PublicBaseUrl
    {
        get
        {
            if (Options.ConfiguredBaseUrl is { } configured)
            {
                return configured;
            }
            if (http.HttpContext?.Request is { Host.HasValue: true } request)
            {
                return new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent().TrimEnd('/')}/");
            }
            return server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(ListeningAddress).FirstOrDefault(a => a is not null)
                ?? throw new InvalidOperationException("Calendar:PublicBaseUrl is not set and there is no request to take the address from; set it.");
        }
    }

    /// <summary>"http://[::]:5080" or "http://+:5080" as a link: a wildcard host becomes localhost.</summary>
    private static Uri? ListeningAddress(string address)
    {
        var parts = address.Split("://", 2);
        if (parts.Length != 2)
        {
            return null;
        }
        var hostAndPort = parts[1].TrimEnd('/');
        var colon = hostAndPort.LastIndexOf(':');
        var host = colon > 0 && !hostAndPort.EndsWith(']') ? hostAndPort[..colon] : hostAndPort;
        var port = host.Length < hostAndPort.Length ? hostAndPort[host.Length..] : "";
        host = host is "+" or "*" or "0.0.0.0" or "[::]" ? "localhost" : host;
        return Uri.TryCreate($"{parts[0]}://{host}{port}/", UriKind.Absolute, out var url) ? url : null;
    }

    public Uri PageUrl(int playDayId) => At(links.GetPathByPage("/PlayDays/Details", values: new { id = playDayId }));

    /// <summary>A share-back's permalink, as emails link to it.</summary>
    public Uri ShareBackUrl(int shareBackId) => At(links.GetPathByPage("/ShareBacks/Details", values: new { id = shareBackId }));

    /// <summary>The play day's live board (what the projector's QR code opens).</summary>
    public Uri BoardUrl(int playDayId) => At(links.GetPathByPage("/Board/Index", values: new { id = playDayId }));

    // Tokens are case-sensitive, and the link generator lower-cases whole URLs (RouteOptions.LowercaseUrls):
    // feed links are built from the routes' own patterns instead.

    /// <summary>A person's own feed, as /me shows it.</summary>
    public Uri FeedUrl(string token) => At(CalendarEndpoints.PersonalFeedRoute.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal));

    /// <summary>The site feed as a calendar app fetches it, with a token instead of a cookie.</summary>
    public Uri SiteFeedUrl(string token) => At($"{CalendarEndpoints.SiteFeedRoute}?token={Uri.EscapeDataString(token)}");

    /// <summary>A path the link generator made, at the public address.</summary>
    private Uri At(string? path) =>
        new(PublicBaseUrl, (path ?? throw new InvalidOperationException("A link could not be generated.")).TrimStart('/'));

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
            playDay.Times.Zone,
            playDay.StartsAtUtc,
            playDay.EndsAtUtc,
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
        // Instants, not local times: a slot in the hour that repeats when clocks go back is written in UTC by the writer.
        return new CalendarEvent(
            SlotUid(playDay.CalendarUid, team.Id),
            playDay.Sequence,
            playDay.Times.Zone,
            start,
            start + length,
            $"Share-back: {team.Name} ({playDay.ShareBackMinutes} min)",
            $"Your team's {playDay.ShareBackMinutes}-minute share-back at {playDay.Title}, number {position + 1} of {teamCount} in the queue. "
                + $"The time is an estimate; the live board has the real one: {BoardUrl(playDay.Id).AbsoluteUri}",
            playDay.Location ?? playDay.VideoLink,
            BoardUrl(playDay.Id),
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

    public string Document(CalendarMethod method, IEnumerable<PlayDayEvent> playDays, DateTime stampUtc, CalendarFeed? feed = null,
        IReadOnlyList<CalendarPerson>? attendees = null) =>
        IcsWriter.Write(method, playDays.Select(p => Event(p, attendees)).ToList(), stampUtc, feed);

    public string Document(CalendarMethod method, IReadOnlyList<CalendarEvent> events, DateTime stampUtc, CalendarFeed? feed = null) =>
        IcsWriter.Write(method, events, stampUtc, feed);
}
