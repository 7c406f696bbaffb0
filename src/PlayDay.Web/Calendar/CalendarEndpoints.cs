using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Calendar;

/// <summary>
/// .ics downloads and subscription feeds. Calendar apps send no cookie, so feeds open with a
/// user's secret token; a wrong or revoked token is a 404.
/// </summary>
public static class CalendarEndpoints
{
    private const string NoFeed = "There is no calendar feed at this address. The link may be mistyped or revoked; make a new one on your page in PlayDay.";

    private const string FeedName = "AI Play Days";

    /// <summary>How often calendar apps should fetch a feed again: a moved play day or share-back slot shows within the hour.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);

    public static IServiceCollection AddPlayDayCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptions.Validation>();
        // Without Calendar:PublicBaseUrl, links take the address of the request being served.
        services.AddHttpContextAccessor();
        services.AddSingleton<PlayDayCalendar>();
        services.AddSingleton<InviteMail>();
        return services;
    }

    public const string Download = "calendar-download";
    public const string SiteFeed = "calendar-site-feed";
    public const string PersonalFeed = "calendar-personal-feed";
    public const string SiteFeedRoute = "/calendar.ics";
    public const string PersonalFeedRoute = "/calendar/{token}.ics";

    /// <summary>A play day's .ics, for a link on its page.</summary>
    public static string DownloadPath(this LinkGenerator links, int playDayId) =>
        links.GetPathByName(Download, new { id = playDayId }) ?? throw new InvalidOperationException($"No endpoint is named {Download}.");

    public static IEndpointRouteBuilder MapPlayDayCalendar(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/playdays/{id:int}/invite.ics", DownloadAsync).WithName(Download);
        endpoints.MapGet(SiteFeedRoute, SiteFeedAsync).AllowAnonymous().WithName(SiteFeed);
        endpoints.MapGet(PersonalFeedRoute, PersonalFeedAsync).AllowAnonymous().WithName(PersonalFeed);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(int id, PlayDayDbContext db, PlayDayCalendar calendar, TimeProvider clock)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Results.NotFound($"There is no play day {id}.");
        }
        var ics = calendar.Document(CalendarMethod.Publish, [playDay], clock.GetUtcNow().UtcDateTime);
        return Ics(ics, $"playday-{id}.ics");
    }

    /// <summary>Every play day; for a signed-in browser, or a calendar app holding any user's token (?token=).</summary>
    private static async Task<IResult> SiteFeedAsync(HttpContext context, string? token, PlayDayDbContext db, PlayDayCalendar calendar, TimeProvider clock)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var tokenUser = await UserForTokenAsync(db, token);
        if (!signedIn && tokenUser is null)
        {
            return Results.NotFound(NoFeed);
        }
        // A calendar app can fetch the feed again only with the token; a browser's copy names no source, rather than put a secret into a file.
        var source = tokenUser is not null ? calendar.SiteFeedUrl(token!) : null;
        return Ics(await FeedAsync(db, calendar, clock, source), "playday.ics");
    }

    /// <summary>A user's own feed: every play day, plus their team's share-back slot at each.</summary>
    private static async Task<IResult> PersonalFeedAsync(string token, PlayDayDbContext db, PlayDayCalendar calendar, TimeProvider clock)
    {
        if (await UserForTokenAsync(db, token) is not { } user)
        {
            return Results.NotFound(NoFeed);
        }
        return Ics(await FeedAsync(db, calendar, clock, calendar.FeedUrl(token), user.Id), "playday.ics");
    }

    private static async Task<string> FeedAsync(PlayDayDbContext db, PlayDayCalendar calendar, TimeProvider clock, Uri? source, string? slotsForUserId = null)
    {
        var playDays = await db.PlayDays.AsNoTracking().OrderBy(p => p.StartsAtUtc).ToListAsync();
        var events = playDays.Select(p => calendar.Event(p)).ToList();
        if (slotsForUserId is not null)
        {
            var myPlayDays = await db.TeamMembers.Where(m => m.UserId == slotsForUserId).Select(m => m.PlayDayId).ToListAsync();
            foreach (var playDay in playDays.Where(p => myPlayDays.Contains(p.Id)))
            {
                var queue = await Team.Queue(db.Teams, playDay.Id).AsNoTracking().Where(t => !t.Skipped).Include(t => t.Members).ToListAsync();
                var position = queue.FindIndex(t => t.Members.Any(m => m.UserId == slotsForUserId));
                if (position >= 0)
                {
                    events.Add(calendar.ShareBackSlot(playDay, queue[position], position, queue.Count));
                }
            }
        }
        return calendar.Document(CalendarMethod.Publish, events, clock.GetUtcNow().UtcDateTime, new CalendarFeed(FeedName, source, RefreshInterval));
    }

    // A token is base64url text; anything else is looked up nowhere (PostgreSQL cannot even compare a text holding NUL).
    private static async Task<AppUser?> UserForTokenAsync(PlayDayDbContext db, string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 64 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.CalendarFeedToken == token);

    private static IResult Ics(string ics, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(ics), IcsWriter.ContentType, fileName);
}
