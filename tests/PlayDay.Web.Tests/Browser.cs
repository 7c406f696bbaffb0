using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests;

/// <summary>
/// Drives the app the way a person's browser does: it keeps cookies, reads pages, and submits
/// their forms with exactly what a browser would send (antiforgery token included), changing only
/// the fields a test names.
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
        var page = await ParseAsync(response);
        await FillPersonAsync(page);
        return (response.StatusCode, page);
    }

    /// <summary>
    /// What site.js and board.js do on a page stored for everyone of its kind: ask the page's personal
    /// request and fill in this person's name and antiforgery token (and on a board their reactions, and
    /// a fresh key for a first post). The real scripts are tested in Chromium.
    /// </summary>
    public async Task FillPersonAsync(IHtmlDocument page)
    {
        if (page.Body?.GetAttribute("data-person-url") is not { Length: > 0 } url)
        {
            return;
        }
        using var response = await Client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            return;
        }
        using var person = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = person.RootElement.GetProperty("token").GetString() ?? "";
        var name = person.RootElement.GetProperty("name").GetString() ?? "";
        foreach (var input in page.QuerySelectorAll("input[data-person-token]"))
        {
            input.SetAttribute("value", token);
        }
        foreach (var element in page.QuerySelectorAll("[data-person-name]"))
        {
            element.Prepend(page.CreateTextNode(name));
        }
        foreach (var input in page.QuerySelectorAll("[data-board] input[name='IdempotencyKey']").Where(i => string.IsNullOrEmpty(i.GetAttribute("value"))))
        {
            input.SetAttribute("value", Guid.NewGuid().ToString());
        }
        if (person.RootElement.TryGetProperty("following", out var following))
        {
            foreach (var tag in following.EnumerateArray().Select(t => t.GetString()))
            {
                foreach (var form in page.QuerySelectorAll("form[data-follow-tag][data-unfollow-action]").Where(f => f.GetAttribute("data-follow-tag") == tag))
                {
                    form.SetAttribute("action", form.GetAttribute("data-unfollow-action"));
                    form.SetAttribute("data-following", "true");
                    var button = form.QuerySelector("button")!;
                    button.SetAttribute("aria-pressed", "true");
                    button.TextContent = $"Following {tag}";
                }
            }
        }
        if (person.RootElement.TryGetProperty("feeds", out var feeds))
        {
            foreach (var feed in feeds.EnumerateArray())
            {
                var link = page.CreateElement("link");
                link.SetAttribute("rel", "alternate");
                link.SetAttribute("type", "application/atom+xml");
                link.SetAttribute("title", feed.GetProperty("title").GetString());
                link.SetAttribute("href", feed.GetProperty("href").GetString());
                page.Head!.AppendChild(link);
            }
        }
        if (person.RootElement.TryGetProperty("votes", out var votes))
        {
            foreach (var vote in votes.EnumerateArray())
            {
                foreach (var button in page.QuerySelectorAll($"[data-question-id='{vote.GetInt32()}'] [data-vote]"))
                {
                    button.SetAttribute("aria-pressed", "true");
                    button.ClassList.Add("mine");
                }
            }
        }
        if (person.RootElement.TryGetProperty("reactions", out var reactions))
        {
            foreach (var team in reactions.EnumerateObject())
            {
                foreach (var kind in team.Value.EnumerateArray())
                {
                    foreach (var button in page.QuerySelectorAll($"[data-reactions-for='{team.Name}'] button[data-reaction='{kind.GetString()}']"))
                    {
                        button.SetAttribute("aria-pressed", "true");
                        button.ClassList.Add("mine");
                    }
                }
            }
        }
    }

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var (status, page) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url} answered {(int)status}: {page.QuerySelector("h1, h2, .titleerror")?.TextContent.Trim()}");
        return page;
    }

    /// <summary>
    /// Opens <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it with
    /// the button matched by <paramref name="button"/> (by default the form's first submit button, as Enter would).
    /// A named field replaces every value the form had under that name.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string> fields, string formSelector = "main form[method=post]",
        string? button = null)
    {
        var page = await GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        var submitter = button is null
            ? DefaultButton(form)
            : form.QuerySelector(button) ?? throw new InvalidOperationException($"No button '{button}' in form '{formSelector}' on {url}.");
        if (submitter is not null && !IsSubmitButton(submitter))
        {
            throw new InvalidOperationException($"'{button}' in form '{formSelector}' on {url} does not submit it.");
        }
        var entries = EntriesOf(form, submitter);
        foreach (var (name, value) in fields)
        {
            var at = entries.FindIndex(e => e.Key == name);
            entries.RemoveAll(e => e.Key == name);
            entries.Insert(at < 0 ? entries.Count : at, KeyValuePair.Create(name, value));
        }
        var action = submitter?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Client.PostAsync(action, new FormUrlEncodedContent(entries));
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

    /// <summary>
    /// What a browser sends when <paramref name="submitter"/> submits <paramref name="form"/> (HTML's "constructing the
    /// entry list"): every enabled control with a name; checkboxes and radio buttons only when checked; a select's
    /// selected option, or its first when none is; buttons only when pressed; no files.
    /// </summary>
    public static List<KeyValuePair<string, string>> EntriesOf(IHtmlFormElement form, IElement? submitter)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var control in form.Elements)
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || IsDisabled(control))
            {
                continue;
            }
            switch (control)
            {
                case IHtmlInputElement { Type: "image" } image:
                    if (image == submitter)
                    {
                        // Where the image was clicked; a test clicks its corner.
                        entries.Add(KeyValuePair.Create($"{name}.x", "0"));
                        entries.Add(KeyValuePair.Create($"{name}.y", "0"));
                    }
                    break;
                case IHtmlButtonElement or IHtmlInputElement { Type: "submit" or "button" or "reset" }:
                    if (control == submitter)
                    {
                        entries.Add(KeyValuePair.Create(name, control.GetAttribute("value") ?? ""));
                    }
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        entries.Add(KeyValuePair.Create(name, box.GetAttribute("value") ?? "on"));
                    }
                    break;
                case IHtmlInputElement { Type: "file" }:
                    break;
                case IHtmlInputElement input:
                    entries.Add(KeyValuePair.Create(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    entries.Add(KeyValuePair.Create(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Where(o => !IsDisabled(o)).ToList();
                    var selected = options.Where(o => o.IsSelected).ToList();
                    if (!select.IsMultiple)
                    {
                        // One choice: the last marked selected, or the first there is.
                        selected = selected.Count > 0 ? [selected[^1]] : options.Take(1).ToList();
                    }
                    entries.AddRange(selected.Select(o => KeyValuePair.Create(name, o.Value)));
                    break;
            }
        }
        return entries;
    }

    /// <summary>The button that Enter in a field presses: the form's first submit button.</summary>
    public static IElement? DefaultButton(IHtmlFormElement form) => form.Elements.FirstOrDefault(IsSubmitButton);

    private static bool IsSubmitButton(IElement element) =>
        element is IHtmlButtonElement { Type: "submit" } or IHtmlInputElement { Type: "submit" or "image" };

    /// <summary>Disabled itself, or inside a disabled fieldset (but not in its first legend), or an option in a disabled group.</summary>
    private static bool IsDisabled(IElement control)
    {
        if (control.HasAttribute("disabled"))
        {
            return true;
        }
        for (var ancestor = control.ParentElement; ancestor is not null; ancestor = ancestor.ParentElement)
        {
            if (ancestor is IHtmlFieldSetElement fieldSet && fieldSet.HasAttribute("disabled")
                && !(fieldSet.Children.FirstOrDefault(c => c is IHtmlLegendElement) is { } legend && legend.Contains(control)))
            {
                return true;
            }
            if (control is IHtmlOptionElement && ancestor is IHtmlOptionsGroupElement group && group.HasAttribute("disabled"))
            {
                return true;
            }
        }
        return false;
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
