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

/// <summary>
/// Olu is signed in here and elsewhere, someone holds a copy of this session's cookie, and Olu changes the
/// password here; then the session check comes round. Done once; the tests look at each session.
/// </summary>
public sealed class PasswordChangeFixture : IAsyncLifetime
{
    public const string NewPassword = "Battery-staple-42";

    public PlayDayApp App { get; } = new();

    public Browser Here { get; private set; } = null!;

    public Browser Elsewhere { get; private set; } = null!;

    public HttpClient Copy { get; private set; } = null!;

    public HttpStatusCode ChangeStatus { get; private set; }

    public async Task InitializeAsync()
    {
        await Browser.RegisteredAsync(App, "Olu Organizer", "olu@example.test");
        Here = new Browser(App.CreateBrowser());
        Copy = AccountForms.WithCookie(App, AccountForms.AuthCookie(await AccountForms.SignInAsync(Here, "olu@example.test")));
        Elsewhere = new Browser(App.CreateBrowser());
        await AccountForms.SignInAsync(Elsewhere, "olu@example.test");

        using var change = await Here.SubmitAsync("/me", new()
        {
            ["NewPassword.Current"] = Browser.Password,
            ["NewPassword.Password"] = NewPassword,
            ["NewPassword.ConfirmPassword"] = NewPassword,
        }, "form[action*='handler=ChangePassword']");
        ChangeStatus = change.StatusCode;
        App.Clock.Advance(AccountSetup.SessionCheckInterval + TimeSpan.FromSeconds(1));
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Changing the password keeps the session it was changed in and ends every other, copies of the cookie included.</summary>
public sealed class PasswordChangeTests(PasswordChangeFixture changed) : IClassFixture<PasswordChangeFixture>
{
    [Fact]
    public async Task The_session_that_changed_it_stays_signed_in_and_is_told()
    {
        Assert.Equal(HttpStatusCode.Redirect, changed.ChangeStatus);
        Assert.Contains("Your password is changed.", (await changed.Here.GetPageAsync("/me")).One(".notice").TextContent, StringComparison.Ordinal);
        Assert.True(await AccountForms.IsSignedInAsync(changed.Here.Client));
    }

    [Fact]
    public async Task Another_session_is_signed_out()
    {
        Assert.False(await AccountForms.IsSignedInAsync(changed.Elsewhere.Client));
    }

    [Fact]
    public async Task A_copy_of_the_cookie_stops_working()
    {
        Assert.False(await AccountForms.IsSignedInAsync(changed.Copy));
    }

    [Fact]
    public async Task The_old_password_no_longer_signs_in()
    {
        var withOld = await AccountForms.SignInAsync(new Browser(changed.App.CreateBrowser()), "olu@example.test");

        Assert.Contains(AccountForms.NoMatch, Browser.ErrorsOn(await Browser.ParseAsync(withOld)));
    }

    [Fact]
    public async Task The_new_password_signs_in()
    {
        var withNew = await AccountForms.SignInAsync(new Browser(changed.App.CreateBrowser()), "olu@example.test", PasswordChangeFixture.NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }
}
