using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PlayDay.Web.ScaleOut;

/// <summary>
/// Behind a reverse proxy or load balancer every request comes from the proxy's address, over plain
/// HTTP. With <c>ReverseProxy:KnownProxies</c> set (the proxies' addresses or networks), ASP.NET Core's
/// forwarded-headers middleware takes the visitor's address from <c>X-Forwarded-For</c> and the scheme
/// from <c>X-Forwarded-Proto</c>, but only on requests that come from one of those proxies (anyone else
/// could write the headers), and only the last <c>ReverseProxy:Hops</c> addresses (the ones the proxies wrote). Then the sign-in limits count per visitor, not for the whole company
/// together, and the sign-in cookie is marked Secure when the visitor used HTTPS. Unset, no
/// forwarded header is read.
/// </summary>
public static class ReverseProxy
{
    public const string Setting = "ReverseProxy:KnownProxies";

    /// <summary>How many proxies stand in front of the app (a load balancer and a web server: 2); 1 by default.</summary>
    public const string HopsSetting = "ReverseProxy:Hops";

    public static IServiceCollection AddPlayDayReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(configuration[Setting]);
        var hops = configuration[HopsSetting] is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10
                ? n
                : throw new InvalidOperationException($"{HopsSetting}: “{text}” is not a number of proxies from 1 to 10.")
            : 1;
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies (not the framework's default of loopback). Of X-Forwarded-For, only as many
            // addresses from the right as there are proxies are read: what a visitor writes further left (to be
            // counted as someone else) is never taken, even when a known network also holds ordinary machines.
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
            options.ForwardLimit = hops;
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
