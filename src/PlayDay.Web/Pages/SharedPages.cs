using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Following;

namespace PlayDay.Web.Pages;

/// <summary>
/// The most-read pages (the live board, the archive, search) are rendered once and served to
/// everyone of the same kind (organizer or not; on a board also the same team) from ASP.NET Core's
/// output cache. What is one person's own (their name, antiforgery token, reactions and votes) is
/// not in that page: the page's script fetches it from a small personal request
/// (<see cref="PersonPath"/>, or the board's own). Sign-in and authorization still run on every
/// request before a cached page is served (the output cache sits after them), and every write to
/// the database empties the cache (<see cref="SharedPageEviction"/>).
/// </summary>
public static class SharedPages
{
    /// <summary>The archive, search and trends: the same page for every organizer, and for everyone else.</summary>
    public const string ByRole = "shared-by-role";

    /// <summary>A live board: the same page for everyone with the same role and team, in the same phase of the play day.</summary>
    public const string Board = "shared-board";

    /// <summary>Every shared page carries this tag; a write to the database evicts them all.</summary>
    public const string Tag = "shared-pages";

    /// <summary>How long a shared page is served at most without a write in between (the clock moves on: slot estimates, the timer's server time).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private const string SharedKey = "PlayDay.SharedPage";
    private const string RefusedKey = "PlayDay.SharedPage.Refused";
    private const string ExpectedKey = "PlayDay.SharedPage.Expected";

    public static IServiceCollection AddPlayDaySharedPages(this IServiceCollection services)
    {
        services.AddSingleton<SharedPageEviction>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SharedPageEviction>());
        services.AddOutputCache(options =>
        {
            options.AddPolicy(ByRole, new SharedPagePolicy(null));
            options.AddPolicy(Board, new SharedPagePolicy(BoardViewerClass));
        });
        // Shared pages are stored compressed (the browser says which encodings it reads), so a board of 200 KB
        // is compressed once, not per request. Only they are: they hold no secret (no token, nothing of one
        // person) for a compression side channel (BREACH) to reveal, so this holds under HTTPS too.
        services.AddResponseCompression(options => options.EnableForHttps = true);
        // Compressed once per stored page, sent many times: a smaller body is worth more than a faster compression
        // (Optimal, not the framework's Fastest; not SmallestSize, which would cost every write on a live board a long pause).
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddSingleton<IResponseCompressionProvider, SharedPageCompression>();
        return services;
    }

    public static WebApplication UsePlayDaySharedPages(this WebApplication app)
    {
        app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }

    /// <summary>The personal part of a shared page: who is signed in, and their antiforgery token for the page's forms.</summary>
    public const string PersonPath = "/account/person";

    public static WebApplication MapPlayDaySharedPages(this WebApplication app)
    {
        app.MapGet(PersonPath, async (HttpContext context, IAntiforgery antiforgery, PlayDayDbContext db, PlayDayCalendar calendar) =>
            {
                var person = Person(context, antiforgery);
                var query = context.Request.Query;
                var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                if (userId is null || !(query.ContainsKey("follow") || query.ContainsKey("feed")))
                {
                    return Results.Json(person);
                }
                // What the stored page left out about following (PersonalFollowing): which of its tools this
                // person follows, and their secret feed links.
                var following = query.ContainsKey("follow")
                    ? await PersonalFollowing.FollowedAsync(db, userId, PersonalFollowing.Usable(query["follow"]))
                    : null;
                var feeds = query.ContainsKey("feed")
                    ? await PersonalFollowing.FeedLinksAsync(db, calendar, userId, query["feed"].FirstOrDefault())
                    : null;
                return Results.Json(person with { Following = following, Feeds = feeds });
            })
            .WithName("Person");
        return app;
    }

    /// <summary>What <see cref="PersonPath"/> answers (a page's own personal request adds to it).</summary>
    public static PersonInfo Person(HttpContext context, IAntiforgery antiforgery) =>
        new(context.User.DisplayName(), context.User.IsOrganizer(), antiforgery.GetAndStoreTokens(context).RequestToken ?? "");

    public sealed record PersonInfo(string Name, bool IsOrganizer, string Token)
    {
        /// <summary>Which of the tools the page asked about (<c>follow=</c>) this person follows.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<string>? Following { get; init; }

        /// <summary>This person's feed links, when the page asked for them (<c>feed=</c>, <c>feed=tool</c>).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<PersonalFollowing.FeedLink>? Feeds { get; init; }
    }

    private const string AskedKey = "PlayDay.SharedPage.Asked";

    /// <summary>
    /// A part of a page being stored for everyone left out something of this person's own: the page's personal
    /// request asks for it with <paramref name="name"/>=<paramref name="value"/> (<see cref="PersonUrl"/>).
    /// </summary>
    public static void AskPersonal(this HttpContext context, string name, string value)
    {
        if (context.Items[AskedKey] is not List<KeyValuePair<string, string?>> asked)
        {
            context.Items[AskedKey] = asked = [];
        }
        asked.Add(new(name, value));
    }

    /// <summary>The page's personal request (<paramref name="url"/>) with what its parts asked for (<see cref="AskPersonal"/>).</summary>
    public static string PersonUrl(this HttpContext context, string url)
    {
        if (context.Items[AskedKey] is not List<KeyValuePair<string, string?>> asked)
        {
            return url;
        }
        var query = QueryString.Create(asked).ToUriComponent();
        return url.Contains('?', StringComparison.Ordinal) ? url + "&" + query[1..] : url + query;
    }

    /// <summary>True while this request renders a page that is stored for others too: leave out everything that is this person's own.</summary>
    public static bool IsSharedRendering(this HttpContext context) => context.Items.ContainsKey(SharedKey);

    /// <summary>What the shared page's key says this viewer is (on a board: team and phase), for the page to check against what it rendered.</summary>
    public static string? ExpectedViewerClass(this HttpContext context) => context.Items[ExpectedKey] as string;

    /// <summary>The page rendered something other than its key says: serve it to this person, store it for nobody.</summary>
    public static void RefuseSharedStorage(this HttpContext context) => context.Items[RefusedKey] = true;

    /// <summary>
    /// A board's viewer class from the board as last loaded (no database): the team this person is in
    /// and the play day's phase. Null when the board was not loaded yet (then the page is rendered
    /// for this person alone, and loads it). The page checks it against the fresh board it renders.
    /// </summary>
    private static string? BoardViewerClass(HttpContext context)
    {
        if (!int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var playDayId))
        {
            return null;
        }
        var board = context.RequestServices.GetRequiredService<PlayDay.Web.Board.BoardStates>().Latest(playDayId);
        if (board is null)
        {
            return null;
        }
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return BoardViewerClass(board.TeamOf(userId), board.PlayDay.StateAt(now));
    }

    public static string BoardViewerClass(int? teamId, PlayDay.Web.Data.PlayDayState state) =>
        string.Create(CultureInfo.InvariantCulture, $"team {teamId?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {state}");

    private sealed class SharedPagePolicy(Func<HttpContext, string?>? viewerClass) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            // Only a plain page view of a signed-in person; never a handler (the personal requests), never
            // a page that shows a one-time message (TempData), which is that person's.
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || http.User.Identity?.IsAuthenticated != true
                || request.Query.ContainsKey("handler")
                || request.Cookies.ContainsKey(".AspNetCore.Mvc.CookieTempDataProvider"))
            {
                return ValueTask.CompletedTask;
            }
            string? expected = null;
            if (viewerClass is not null && (expected = viewerClass(http)) is null)
            {
                return ValueTask.CompletedTask;
            }
            var eviction = http.RequestServices.GetRequiredService<SharedPageEviction>();
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = true;
            context.AllowCacheStorage = true;
            context.AllowLocking = true;
            context.Tags.Add(Tag);
            context.ResponseExpirationTimeSpan = MaxAge;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
            context.CacheVaryByRules.VaryByValues["role"] = http.User.IsOrganizer() ? "organizer" : "participant";
            // The injected clock's ten-second step: what a page shows about time cannot be older than that
            // (and a test's fake clock that moves on gets a new page).
            context.CacheVaryByRules.VaryByValues["clock"] = (clock.GetUtcNow().UtcTicks / MaxAge.Ticks).ToString(CultureInfo.InvariantCulture);
            if (expected is not null)
            {
                context.CacheVaryByRules.VaryByValues["viewer"] = expected;
                http.Items[ExpectedKey] = expected;
            }
            http.Items[SharedKey] = eviction.Generation;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var response = http.Response;
            var eviction = http.RequestServices.GetRequiredService<SharedPageEviction>();
            // Stored only when it is the same for everyone it would be served to: a 200 without a cookie
            // (a renewed sign-in cookie is this person's) or token, rendered as a shared page, with no write
            // to the database since it began (it may show what was there before).
            // An antiforgery token made while rendering marks its answer "no-cache": a page with a token is one person's.
            if (response.StatusCode != StatusCodes.Status200OK
                || response.Headers.SetCookie.Count > 0
                || response.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase)
                || http.Items[SharedKey] is not long generation
                || generation != eviction.Generation
                || http.Items.ContainsKey(RefusedKey))
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The framework's choice of encoding, for shared pages only (see <see cref="AddPlayDaySharedPages"/>).</summary>
    private sealed class SharedPageCompression(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options) : IResponseCompressionProvider
    {
        private readonly ResponseCompressionProvider _framework = new(services, options);

        public bool CheckRequestAcceptsCompression(HttpContext context) => context.IsSharedRendering() && _framework.CheckRequestAcceptsCompression(context);

        public ICompressionProvider? GetCompressionProvider(HttpContext context) => _framework.GetCompressionProvider(context);

        public bool ShouldCompressResponse(HttpContext context) => context.IsSharedRendering() && _framework.ShouldCompressResponse(context);
    }
}
