using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;

namespace PlayDay.Web.Tests.Accounts;

public sealed class PasswordResetTests : IDisposable
{
    private const string NewPassword = "Battery-staple-42";

    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> ForgotAsync(Browser browser, string email) =>
        browser.SubmitAsync("/account/forgot", new() { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> ResetAsync(Browser browser, Uri link, string password = NewPassword) =>
        browser.SubmitAsync(link.PathAndQuery, new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_mails_only_an_account()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());

        var known = await ForgotAsync(browser, "olu@example.test");
        var unknown = await ForgotAsync(browser, "nobody@example.test");

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.LocationPath(), unknown.LocationPath());
        Assert.Contains("If an account exists for that address, we sent it a link to choose a new password.",
            (await browser.GetPageAsync(known.LocationPath())).One(".sent").TextContent, StringComparison.Ordinal);
        Assert.Equal("Reset your PlayDay password", await _app.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == "olu@example.test").Select(m => m.Subject).SingleAsync()));
        Assert.False(await _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.To == "nobody@example.test")));
    }

    [Fact]
    public async Task The_reset_link_sets_a_new_password_ends_every_session_and_works_once()
    {
        var signedIn = await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());
        await ForgotAsync(browser, "olu@example.test");
        var link = await Browser.MailedLinkAsync(_app, "olu@example.test", "/account/reset");

        var reset = await ResetAsync(browser, link);
        _app.Clock.Advance(AccountSetup.SessionCheckInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/login", reset.LocationPath());
        Assert.Contains("Your password is changed", (await browser.GetPageAsync("/account/login")).One(".notice").TextContent, StringComparison.Ordinal);
        Assert.False(await AccountForms.IsSignedInAsync(signedIn.Client));
        var withOld = await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test");
        Assert.Contains(AccountForms.NoMatch, Browser.ErrorsOn(await Browser.ParseAsync(withOld)));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test", NewPassword)).StatusCode);

        var again = await ResetAsync(new Browser(_app.CreateBrowser()), link, "Another-one-99");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(again)), e => e.StartsWith("This reset link does not work", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resetting_the_password_of_an_unconfirmed_account_confirms_it()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        await AccountForms.RegisterAsync(new Browser(_app.CreateBrowser()), "Nia Newcomer", "nia@example.test");
        var browser = new Browser(_app.CreateBrowser());
        await ForgotAsync(browser, "nia@example.test");

        await ResetAsync(browser, await Browser.MailedLinkAsync(_app, "nia@example.test", "/account/reset"));

        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(browser, "nia@example.test", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_explained_and_a_made_up_link_is_refused()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());
        await ForgotAsync(browser, "olu@example.test");
        var link = await Browser.MailedLinkAsync(_app, "olu@example.test", "/account/reset");

        var weak = await ResetAsync(browser, link, "password1");
        var madeUp = await ResetAsync(browser, new Uri($"{PlayDayApp.PublicBaseUrl}/account/reset?userId=nobody&code=abc"));

        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(weak)), e => e.Contains("uppercase", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(madeUp)), e => e.StartsWith("This reset link does not work", StringComparison.Ordinal));
        // The weak attempt did not use up the link.
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(browser, link)).StatusCode);
    }
}
