using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests;

/// <summary>
/// Drives the app the way a person's browser does: it keeps cookies, reads pages, and submits
/// their forms with every field the form has (antiforgery token included), changing only the
/// fields a test names.
/// </summary>
public sealed class Browser(HttpClient client, CookieContainer? cookies = null)
{
    /// <summary>The cookie jar, when the client talks to a real server (for a WebSocket's sign-in).</summary>
    public CookieContainer? Cookies { get; } = cookies;

    public const string Password = "Correct-horse-9";

    public HttpClient Client { get; } = client;

    /// <summary>
    /// A browser signed in to a new account. The install's first account is signed in at once; any
    /// other follows the link in its confirmation email, as its owner would.
    /// </summary>
    public static async Task<Browser> RegisteredAsync(PlayDayApp app, string name, string? email = null)
    {
        var browser = app.NewBrowser();
        email ??= $"{name.Split(' ')[0].ToLowerInvariant()}@example.test";
        var response = await browser.SubmitAsync("/account/register", new()
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.LocationPath() == "/account/check-inbox")
        {
            using var confirmed = await browser.ConfirmMailedLinkAsync(app, email);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            Assert.Equal("/", confirmed.LocationPath());
        }
        return browser;
    }

    /// <summary>The first link to <paramref name="path"/> in the newest email to <paramref name="to"/>.</summary>
    public static async Task<Uri> MailedLinkAsync(PlayDayApp app, string to, string path)
    {
        var body = await app.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == to).OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstOrDefaultAsync())
            ?? throw new InvalidOperationException($"No email to {to}.");
        var link = Regex.Match(body, $@"https?://\S+?{Regex.Escape(path)}(\?\S*)?(?=\s|$)");
        Assert.True(link.Success, $"The newest email to {to} has no link to {path}:\n{body}");
        return new Uri(link.Value);
    }

    /// <summary>Opens the confirmation link in the newest email to <paramref name="to"/> and confirms with the password, as its owner would.</summary>
    public async Task<HttpResponseMessage> ConfirmMailedLinkAsync(PlayDayApp app, string to, string password = Password)
    {
        var link = (await MailedLinkAsync(app, to, "/account/confirm")).PathAndQuery;
        var (status, page) = await GetAsync(link);
        if (status != HttpStatusCode.OK || page.QuerySelector("main form[method=post]") is null)
        {
            return await Client.GetAsync(link);
        }
        return await SubmitAsync(link, new() { ["Input.Password"] = password });
    }

    public async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return (response.StatusCode, await ParseAsync(response));
    }

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var (status, page) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url} answered {(int)status}: {page.QuerySelector("h1, h2, .titleerror")?.TextContent.Trim()}");
        return page;
    }

    /// <summary>Opens <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string> fields, string formSelector = "main form[method=post]")
    {
        var page = await GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        var values = FieldsOf(form);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts to <paramref name="url"/> the way the board's script does: with the antiforgery token of <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> PostWithTokenFromAsync(string page, string url, Dictionary<string, string> fields)
    {
        var token = (await GetPageAsync(page)).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        return await Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Posts raw fields without the page's antiforgery token, as a forged cross-site request would.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, Dictionary<string, string> fields) =>
        Client.PostAsync(url, new FormUrlEncodedContent(fields));

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The validation messages a page shows, field messages and the summary alike.</summary>
    public static List<string> ErrorsOn(IHtmlDocument page) =>
        page.QuerySelectorAll(".field-error, .errors li")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .ToList();

    private static Dictionary<string, string> FieldsOf(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button")
                    {
                        break;
                    }
                    if (input.Type == "checkbox")
                    {
                        if (input.IsChecked)
                        {
                            values[input.Name] = input.Value;
                        }
                        break;
                    }
                    values[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name):
                    values[textArea.Name] = textArea.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value ?? "";
                    break;
            }
        }
        return values;
    }
}

public static class ResponseExtensions
{
    public static string LocationPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
            : throw new InvalidOperationException($"No Location header on a {(int)response.StatusCode} response.");

    /// <summary>The element <paramref name="selector"/> matches, failing the test when there is none.</summary>
    public static IElement One(this IParentNode node, string selector) =>
        node.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches '{selector}'.");
}
