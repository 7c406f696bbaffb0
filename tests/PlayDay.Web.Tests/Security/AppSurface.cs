using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace PlayDay.Web.Tests.Security;

/// <summary>
/// Everything the app answers, read from the running app itself: every endpoint (method and route),
/// every Razor page handler (POST /route?handler=Name) and every hub method. A test that keeps a
/// table about each of them fails when something new appears without a row.
/// </summary>
public static class AppSurface
{
    public static async Task<SortedSet<string>> ReadAsync(IServiceProvider services)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page answers GET even without an OnGet handler; every other handler is a row of its own.
                keys.Add($"GET {route}");
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    keys.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
                }
                foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is not null))
                {
                    keys.Add($"GET {route}?handler={handler.Name}");
                }
                continue;
            }
            if (endpoint.Metadata.GetMetadata<HubMetadata>() is not null)
            {
                keys.Add($"HUB {route}");
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                keys.Add($"{method} {route}");
            }
        }
        foreach (var method in typeof(Web.Board.BoardHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            keys.Add($"INVOKE {method.Name}");
        }
        return keys;
    }
}
