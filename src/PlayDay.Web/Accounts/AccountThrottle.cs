using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Accounts;

/// <summary>
/// Limits how often one network address may submit an account form, so passwords cannot be guessed
/// at speed and nobody can flood a mailbox with links. This replaces per-account lockout, which let
/// anyone lock an organizer out. Reading a form is free; only POSTs count.
/// </summary>
public sealed class AccountThrottle(Func<AccountOptions, int> perMinute) : IRateLimiterPolicy<string>
{
    public const string SignIn = "accounts-sign-in";
    public const string Registration = "accounts-registration";
    public const string LinkRequests = "accounts-link-requests";

    /// <summary>The partition of requests without a remote address: the in-process test server.</summary>
    public const string NoAddress = "no-address";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var permits = perMinute(httpContext.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(NetworkOf(httpContext.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    /// <summary>An IPv4 address, or an IPv6 address's /64: one household or host usually holds a whole /64.</summary>
    public static string NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return NoAddress;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // A page of its own (with a content type, so the status-code pages leave it alone): the person sees why and how long to wait.
        response.ContentType = "text/html; charset=utf-8";
        var back = HtmlEncoder.Default.Encode(context.HttpContext.Request.Path.Value ?? "/");
        await response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
            + "<title>Too many attempts · PlayDay</title><link rel=\"stylesheet\" href=\"/css/site.css\" /></head>"
            + "<body><main id=\"main\" class=\"wrap\"><div class=\"narrow-page\"><h1>Too many attempts</h1>"
            + $"<p class=\"too-many\">There were too many attempts from your network in the last minute. Wait {seconds} seconds, then try again.</p>"
            + $"<p><a href=\"{back}\">Back to the form</a></p></div></main></body></html>",
            cancellationToken);
    }
}
