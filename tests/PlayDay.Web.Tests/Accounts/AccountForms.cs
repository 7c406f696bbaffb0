using System.Net;
using AngleSharp.Html.Dom;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>The account forms, filled in the way a person fills them in.</summary>
public static class AccountForms
{
    public const string NoMatch = "That email and password do not match an account, or the account is not confirmed yet.";

    public static Task<HttpResponseMessage> RegisterAsync(Browser browser, string name, string email, string password = Browser.Password) =>
        browser.SubmitAsync("/account/register", new()
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    public static Task<HttpResponseMessage> SignInAsync(Browser browser, string email, string password = Browser.Password) =>
        browser.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> SignOutAsync(Browser browser) => browser.SubmitAsync("/", [], "form.signout");

    /// <summary>The sign-in cookie a response sets, as a Cookie header: what someone who copied it off the machine would send.</summary>
    public static string AuthCookie(HttpResponseMessage response)
    {
        var cookies = response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Where(c => c.StartsWith("PlayDay.Auth", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(cookies);
        return string.Join("; ", cookies);
    }

    /// <summary>A client that sends exactly <paramref name="cookie"/> and keeps no cookies of its own.</summary>
    public static HttpClient WithCookie(PlayDayApp app, string cookie)
    {
        var client = app.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>True when <paramref name="client"/> is let into /me; false when it is sent to sign in.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/me");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/login", response.LocationPath(), StringComparison.Ordinal);
            return false;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return true;
    }

    /// <summary>The readable text of a page's main part, spaces normalised.</summary>
    public static string MainText(IHtmlDocument page) =>
        string.Join(' ', page.One("main").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
