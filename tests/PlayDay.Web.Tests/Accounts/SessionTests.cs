using System.Net;
using PlayDay.Web.Accounts;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>Signing out and changing the password end every session, copies of the cookie included.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private void PastTheSessionCheck() => _app.Clock.Advance(AccountSetup.SessionCheckInterval + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_copied_cookie_stops_working_once_its_owner_signs_out()
    {
        var registered = await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());
        var copy = AccountForms.WithCookie(_app, AccountForms.AuthCookie(await AccountForms.SignInAsync(browser, "olu@example.test")));
        Assert.True(await AccountForms.IsSignedInAsync(copy));

        var signOut = await AccountForms.SignOutAsync(browser);
        PastTheSessionCheck();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.False(await AccountForms.IsSignedInAsync(browser.Client));
        Assert.False(await AccountForms.IsSignedInAsync(copy));
        Assert.False(await AccountForms.IsSignedInAsync(registered.Client));
        // Signing in again makes a new session that works.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(browser, "olu@example.test")).StatusCode);
        Assert.True(await AccountForms.IsSignedInAsync(browser.Client));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others_and_copies_of_the_cookie()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var here = new Browser(_app.CreateBrowser());
        var copy = AccountForms.WithCookie(_app, AccountForms.AuthCookie(await AccountForms.SignInAsync(here, "olu@example.test")));
        var elsewhere = new Browser(_app.CreateBrowser());
        await AccountForms.SignInAsync(elsewhere, "olu@example.test");

        var change = await here.SubmitAsync("/me", new()
        {
            ["NewPassword.Current"] = Browser.Password,
            ["NewPassword.Password"] = "Battery-staple-42",
            ["NewPassword.ConfirmPassword"] = "Battery-staple-42",
        }, "form[action*='handler=ChangePassword']");
        PastTheSessionCheck();

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Contains("Your password is changed.", (await here.GetPageAsync("/me")).One(".notice").TextContent, StringComparison.Ordinal);
        Assert.True(await AccountForms.IsSignedInAsync(here.Client));
        Assert.False(await AccountForms.IsSignedInAsync(elsewhere.Client));
        Assert.False(await AccountForms.IsSignedInAsync(copy));
        var withOld = await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test");
        Assert.Contains(AccountForms.NoMatch, Browser.ErrorsOn(await Browser.ParseAsync(withOld)));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test", "Battery-staple-42")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_says_so()
    {
        var olu = await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");

        var change = await olu.SubmitAsync("/me", new()
        {
            ["NewPassword.Current"] = "Not-my-password-1",
            ["NewPassword.Password"] = "Battery-staple-42",
            ["NewPassword.ConfirmPassword"] = "Battery-staple-42",
        }, "form[action*='handler=ChangePassword']");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("That is not your current password.", Browser.ErrorsOn(await Browser.ParseAsync(change)));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_antiforgery_token()
    {
        var olu = await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");

        var forged = await olu.PostWithoutTokenAsync("/me?handler=ChangePassword", new()
        {
            ["NewPassword.Current"] = Browser.Password,
            ["NewPassword.Password"] = "Battery-staple-42",
            ["NewPassword.ConfirmPassword"] = "Battery-staple-42",
        });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test")).StatusCode);
    }
}
