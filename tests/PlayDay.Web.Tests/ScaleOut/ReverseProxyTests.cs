using System.Net;
using PlayDay.Web.ScaleOut;

namespace PlayDay.Web.Tests.ScaleOut;

/// <summary>
/// Behind a reverse proxy: with the proxy named in ReverseProxy:KnownProxies, the sign-in limits count each
/// visitor (X-Forwarded-For) and the sign-in cookie is Secure when the visitor used HTTPS (X-Forwarded-Proto);
/// from anyone else, or with no proxy named, the headers are ignored. Over real loopback sockets (the test
/// itself is the proxy at 127.0.0.1).
/// </summary>
public sealed class ReverseProxyTests
{
    private static PlayDayApp App(string? knownProxies, int? hops = null)
    {
        var settings = new Dictionary<string, string> { ["Accounts:SignInsPerMinute"] = "2" };
        if (knownProxies is not null)
        {
            settings[ReverseProxy.Setting] = knownProxies;
        }
        if (hops is { } h)
        {
            settings[ReverseProxy.HopsSetting] = h.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return PlayDayApp.WithRealServer(settings: settings);
    }

    private static async Task<HttpResponseMessage> SignInAsync(PlayDayApp app, string? forwardedFor, string password = "Guess-number-1",
        string? forwardedProto = null, string email = "olu@example.test")
    {
        var browser = app.NewBrowser();
        if (forwardedFor is not null)
        {
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }
        return await browser.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password }, "form.password-sign-in");
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_visitor_has_their_own_sign_in_limit()
    {
        using var app = App("127.0.0.1");

        var first = new[] { await SignInAsync(app, "203.0.113.7"), await SignInAsync(app, "203.0.113.7"), await SignInAsync(app, "203.0.113.7") };
        // Another visitor through the same proxy.
        var other = await SignInAsync(app, "198.51.100.20");
        // Addresses a visitor writes in front of the one the proxy added are not read: still 203.0.113.7, still limited.
        var spoofed = await SignInAsync(app, "192.0.2.99, 203.0.113.7");

        Assert.All(first.Take(2), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2].StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task Behind_two_proxies_the_visitor_is_the_address_before_both()
    {
        // A load balancer (here also 127.0.0.1, named) and the web server in front of the app: two hops.
        using var app = App("127.0.0.1", hops: 2);

        var answers = new[] { await SignInAsync(app, "203.0.113.7, 127.0.0.1"), await SignInAsync(app, "203.0.113.7, 127.0.0.1"), await SignInAsync(app, "203.0.113.7, 127.0.0.1") };
        var other = await SignInAsync(app, "192.0.2.44, 127.0.0.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.9.8.7, 192.0.2.0/24")]
    public async Task Forwarded_headers_from_anyone_but_a_known_proxy_change_nothing(string? knownProxies)
    {
        using var app = App(knownProxies);

        // Each claims another address; they all come from 127.0.0.1, which is no known proxy, so they share its limit.
        var answers = new[] { await SignInAsync(app, "203.0.113.1"), await SignInAsync(app, "203.0.113.2"), await SignInAsync(app, "203.0.113.3") };

        Assert.All(answers.Take(2), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.0/8", true)]
    [InlineData(null, false)]
    public async Task The_sign_in_cookie_is_Secure_when_a_known_proxy_says_the_visitor_used_HTTPS(string? knownProxies, bool secure)
    {
        using var app = App(knownProxies);
        await Browser.RegisteredAsync(app, "Olu Organizer", "olu@example.test");

        using var signedIn = await SignInAsync(app, "203.0.113.9", Browser.Password, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PlayDay.Auth=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("10.0.0.5, 10.1.0.0/16; ::1 fd00::/8", 2, 2)]
    [InlineData("", 0, 0)]
    public void The_setting_takes_addresses_and_networks(string setting, int proxies, int networks)
    {
        var (parsedProxies, parsedNetworks) = ReverseProxy.Parse(setting);
        Assert.Equal(proxies, parsedProxies.Count);
        Assert.Equal(networks, parsedNetworks.Count);
    }

    [Theory]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/99")]
    public void A_setting_that_names_no_address_stops_the_start_with_a_reason(string setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ReverseProxy.Parse(setting));
        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
        Assert.Contains(ReverseProxy.Setting, refused.Message, StringComparison.Ordinal);
    }
}
