using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PlayDay.Web.ScaleOut;

/// <summary>
/// Behind a reverse proxy or load balancer every request comes from the proxy's address, over plain
/// HTTP. With <c>ReverseProxy:KnownProxies</c> set (the proxies' addresses or networks), ASP.NET Core's
/// forwarded-headers middleware takes the visitor's address from <c>X-Forwarded-For</c> and the scheme
/// from <c>X-Forwarded-Proto</c>, but only on requests that come from one of those proxies (anyone else
/// could write the headers). Then the sign-in limits count per visitor, not for the whole company
/// together, and the sign-in cookie is marked Secure when the visitor used HTTPS. Unset, no
/// forwarded header is read.
/// </summary>
public static class ReverseProxy
{
    public const string Setting = "ReverseProxy:KnownProxies";

    public static IServiceCollection AddPlayDayReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(configuration[Setting]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies (not the framework's default of loopback); walk a chain of them
            // back to the first address that is not one, the visitor's.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
            options.ForwardLimit = null;
        });
        return services;
    }

    public static WebApplication UsePlayDayReverseProxy(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration[Setting]))
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    /// <summary>Addresses (10.0.0.5, ::1) and networks (10.0.0.0/8), separated by commas, semicolons or spaces.</summary>
    public static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(string? setting)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (setting ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{Setting}: “{entry}” is neither an IP address (10.0.0.5) nor a network (10.0.0.0/8).");
            }
        }
        return (proxies, networks);
    }
}
