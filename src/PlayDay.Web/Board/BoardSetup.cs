using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Board;

public static class BoardSetup
{
    public static IServiceCollection AddPlayDayBoard(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BoardOptions>(configuration.GetSection(BoardOptions.Section));
        // Kestrel's own backstop under whatever BoardConnections lets through: never more sockets than file descriptors.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections ??= ConnectionLimits.FromDescriptors();
            kestrel.Limits.MaxConcurrentUpgradedConnections ??= ConnectionLimits.FromDescriptors();
        });
        services.AddSingleton<BoardConnections>();
        services.AddSingleton<BoardHubLimits>();
        services.AddSignalR(options => options.AddFilter<BoardHubLimits>());
        services.AddSingleton<BoardNotifier>();
        services.AddSingleton<BoardStates>();
        services.AddSingleton<BoardBroadcasts>();
        services.AddHostedService(provider => provider.GetRequiredService<BoardBroadcasts>());
        services.AddScoped<ShareBackChanges>();
        services.AddScoped<QuestionChanges>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
                await Results.Problem(statusCode: 429, detail: "Too many posts or reactions in a minute. Wait a moment and try again; nothing you typed was lost.")
                    .ExecuteAsync(context.HttpContext);
            options.AddPolicy(BoardEndpoints.PostsPolicy, http => PerUser(http, o => o.PostsPerMinute));
            options.AddPolicy(BoardEndpoints.ReactionsPolicy, http => PerUser(http, o => o.ReactionsPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerUser(HttpContext http, Func<BoardOptions, int> limit)
    {
        var permits = limit(http.RequestServices.GetRequiredService<IOptions<BoardOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(
            http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    /// <summary>
    /// Browsers let any site open a WebSocket to us with the user's cookies (no CORS, no
    /// antiforgery for WebSockets), so the hub only accepts pages from this site or a configured origin.
    /// A request from an allowed page then has its sign-in read once, in a scope of its own
    /// (<see cref="SignInForTheConnection"/>), before authentication runs for everything else.
    /// </summary>
    public static IApplicationBuilder UseBoardOriginCheck(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BoardHub.Path), branch => branch.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !IsAllowedOrigin(context, origin))
            {
                await Results.Problem(statusCode: 403, detail: $"Pages from {origin} may not open this board.").ExecuteAsync(context);
                return;
            }
            await SignInForTheConnection(context);
            await next(context);
        }));

    /// <summary>
    /// A board connection is one request that lasts as long as the screen is open, and everything the
    /// request holds lives as long: with the usual authentication that is the cookie handler with its
    /// cached result, the ticket and a clone of it (claims and properties each), the request's service
    /// scope holding the handler, and the Cookie header with its parsed cookies (the encrypted ticket
    /// again). So the sign-in of a hub request is read here, with the same scheme and checks (Identity's
    /// security-stamp validation included), from a service scope that is released as soon as it is
    /// done; the connection keeps only the signed-in person (<see cref="HttpContext.User"/>). The Cookie
    /// header is then removed, so the authentication middleware that follows finds no cookie, keeps
    /// nothing, and leaves that person in place; authorization ([Authorize] on the hub) and the
    /// connection limits check the same user as before. A missing, expired or rejected sign-in leaves
    /// the request anonymous, and it is refused as before.
    /// </summary>
    private static async Task SignInForTheConnection(HttpContext context)
    {
        if (context.Request.Headers.Cookie.Count == 0)
        {
            return;
        }
        var requestServices = context.RequestServices;
        await using (var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            context.RequestServices = scope.ServiceProvider;
            try
            {
                if (await context.AuthenticateAsync() is { Succeeded: true, Principal: { } user })
                {
                    context.User = Slim(user);
                }
            }
            finally
            {
                context.RequestServices = requestServices;
            }
        }
        context.Request.Headers.Cookie = default;
        context.Features.Set<IRequestCookiesFeature>(null);
    }

    /// <summary>What a screen needs of the person for hours: who (id, name) and whether an organizer; not the security stamp and the rest.</summary>
    private static ClaimsPrincipal Slim(ClaimsPrincipal user) =>
        new(new ClaimsIdentity(
            user.Claims.Where(c => c.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name or ClaimTypes.Role or Accounts.DisplayNameClaimsFactory.ClaimType)
                .Select(c => new Claim(c.Type, c.Value)),
            user.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));

    private static bool IsAllowedOrigin(HttpContext context, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }
        if (string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var allowed = context.RequestServices.GetRequiredService<IOptions<BoardOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Refuses a board connection that is over a limit before it is upgraded to a WebSocket, with a
    /// status and a reason the page shows: 429 for one person's too many screens, 503 when the server
    /// holds as many as it may. (The hub filter closes any that slip past at the same instant.)
    /// </summary>
    public static IApplicationBuilder UseBoardConnectionLimits(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BoardHub.Path) && context.User.Identity?.IsAuthenticated == true,
            branch => branch.Use(async (context, next) =>
            {
                if (context.RequestServices.GetRequiredService<BoardConnections>().Refusal(context.User) is { } refusal)
                {
                    context.Response.Headers.RetryAfter = "30";
                    await Results.Problem(statusCode: refusal.Status, detail: refusal.Reason).ExecuteAsync(context);
                    return;
                }
                await next(context);
            }));

    public static IEndpointRouteBuilder MapPlayDayBoard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<BoardHub>(BoardHub.Path);
        endpoints.MapBoardEndpoints();
        return endpoints;
    }
}
