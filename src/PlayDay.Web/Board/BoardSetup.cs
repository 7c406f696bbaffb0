using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Identity;
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
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, ValidateHubSignInsInTheirOwnScope);
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

    /// <summary>
    /// A board connection is one request that lasts as long as the screen is open, and its request
    /// scope with it. The sign-in check on the way in (Identity's security-stamp validation) resolves
    /// the sign-in and user managers, the user store and a DbContext from that scope; for a hub
    /// request they are resolved from a scope of their own and released once the check is done, so an
    /// idle screen does not hold them for hours. The check itself is unchanged.
    /// </summary>
    private static void ValidateHubSignInsInTheirOwnScope(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            if (!context.Request.Path.StartsWithSegments(BoardHub.Path))
            {
                await validate(context);
                return;
            }
            var requestServices = context.HttpContext.RequestServices;
            await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            context.HttpContext.RequestServices = scope.ServiceProvider;
            try
            {
                await validate(context);
            }
            finally
            {
                context.HttpContext.RequestServices = requestServices;
            }
        };
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
            await next(context);
        }));

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
    /// A connection let through keeps only what it needs for its life (<see cref="KeepOnlyTheSignedInPerson"/>).
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
                await KeepOnlyTheSignedInPerson(context);
                await next(context);
            }));

    /// <summary>
    /// A board connection is one request that lasts as long as the screen is open, and everything the
    /// request holds lives as long. Once the sign-in has been checked (authentication ran before this),
    /// the connection needs the person (<see cref="HttpContext.User"/>) and nothing else of it, so it lets go of:
    /// the authentication result and ticket (the cookie handler caches one copy, the request feature
    /// another, each with its claims and properties), the request's service scope that holds that
    /// handler (a fresh one is made if anything asks for services later), and the Cookie header with
    /// its parsed cookies (the encrypted sign-in ticket). Authorization still runs after this, on the
    /// same user; the WebSocket's Origin has been checked before.
    /// </summary>
    private static async Task KeepOnlyTheSignedInPerson(HttpContext context)
    {
        var user = context.User;
        context.Features.Set<IAuthenticateResultFeature>(null);
        context.Features.Set<IHttpAuthenticationFeature>(new HttpAuthenticationFeature { User = user });

        context.Request.Headers.Cookie = default;
        context.Features.Set<IRequestCookiesFeature>(null);

        var scopeFactory = context.RequestServices.GetRequiredService<IServiceScopeFactory>();
        if (context.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable used)
        {
            var fresh = new RequestServicesFeature(context, scopeFactory);
            context.Features.Set<IServiceProvidersFeature>(fresh);
            context.Response.RegisterForDisposeAsync(fresh);
            // Disposing twice is harmless: the feature forgets its scope after the first time.
            await used.DisposeAsync();
        }
    }

    public static IEndpointRouteBuilder MapPlayDayBoard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<BoardHub>(BoardHub.Path);
        endpoints.MapBoardEndpoints();
        return endpoints;
    }
}
