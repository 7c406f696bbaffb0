using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>
/// Company sign-in through a real OpenID Connect provider (oidc-provider on loopback) and the real redirect flow in
/// Chromium: the button, the provider's own sign-in and consent pages, the form post back, the account.
/// </summary>
[Trait("Browser", "Chromium")]
public sealed class CompanySignInTests : IAsyncLifetime
{
    private static readonly Dictionary<string, OpenIdProvider.Account> Accounts = new()
    {
        ["ada"] = new("ada@acme.test", true, "Ada Organizer", ["staff", "playday-organizers"]),
        ["ben"] = new("ben@acme.test", true, "Ben Builder", ["staff"]),
        ["una"] = new("una@acme.test", false, "Una Unverified", ["staff", "playday-organizers"]),
    };

    private readonly int _providerPort = OpenIdProvider.ReservePort();
    private PlayDayApp _app = null!;
    private OpenIdProvider _provider = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        // The provider signs with the real time, and the app's sign-in cookies expire by its own clock: both run on now.
        _app = PlayDayApp.WithRealServer(now: TimeProvider.System.GetUtcNow(), settings: OpenIdProvider.Settings(_providerPort));
        _provider = await OpenIdProvider.StartAsync(_providerPort, _app.BaseAddress, Accounts);
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        _provider.Dispose();
        _app.Dispose();
    }

    private string Url(string path) => new Uri(_app.BaseAddress, path).AbsoluteUri;

    /// <summary>Opens <paramref name="path"/> signed out, and signs in with the company as <paramref name="login"/>.</summary>
    private async Task<IPage> SignInWithCompanyAsync(string login, string path, IBrowserContext? context = null)
    {
        context ??= await _chromium.Browser.NewContextAsync();
        // The provider's development pages ask for a web font; nothing leaves loopback.
        await context.RouteAsync(url => !url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(path));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Acme SSO" }).ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(_provider.Authority, StringComparison.Ordinal));
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(_app.BaseAddress.AbsoluteUri, StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal));
        return page;
    }

    private Task<AppUser?> UserAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return _app.WithDbAsync(db => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized));
    }

    [Fact]
    public async Task A_person_in_the_organizers_group_signs_in_with_the_company_and_lands_on_the_page_they_asked_for_as_an_organizer()
    {
        await Browser.RegisteredAsync(_app, "First Organizer", "first@example.test");

        var page = await SignInWithCompanyAsync("ada", "/people");

        Assert.Equal(Url("/people"), page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("People");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Ada Organizer");
        var ada = await UserAsync("ada@acme.test");
        Assert.NotNull(ada);
        Assert.True(ada.EmailConfirmed);
        Assert.Null(ada.PasswordHash);
        Assert.Equal("Ada Organizer", ada.DisplayName);
        var (logins, organizer) = await _app.WithDbAsync(async db => (
            await db.UserLogins.Where(l => l.UserId == ada.Id).Select(l => l.LoginProvider + ":" + l.ProviderKey).ToListAsync(),
            await db.UserRoles.AnyAsync(r => r.UserId == ada.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Organizer))));
        Assert.Equal([$"{CompanySignIn.Scheme}:ada"], logins);
        Assert.True(organizer);
    }

    [Fact]
    public async Task A_person_outside_the_organizers_group_gets_an_ordinary_account_and_a_second_sign_in_finds_the_same_one()
    {
        await Browser.RegisteredAsync(_app, "First Organizer", "first@example.test");

        var page = await SignInWithCompanyAsync("ben", "/me");
        Assert.Equal(Url("/me"), page.Url);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Ben Builder");
        var forbidden = await page.GotoAsync(Url("/people"));
        Assert.Equal((int)HttpStatusCode.Forbidden, forbidden!.Status);

        await SignInWithCompanyAsync("ben", "/me");
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "BEN@ACME.TEST")));
    }

    [Fact]
    public async Task An_account_registered_with_the_same_address_is_linked_not_duplicated_and_an_unconfirmed_ones_password_stops_working()
    {
        await Browser.RegisteredAsync(_app, "First Organizer", "first@example.test");
        // Someone registered Ben's address and never confirmed it; they chose its password.
        var squatter = _app.NewBrowser();
        await squatter.SubmitAsync("/account/register", new()
        {
            ["Input.DisplayName"] = "Not Ben",
            ["Input.Email"] = "ben@acme.test",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });
        var registered = await UserAsync("ben@acme.test");
        Assert.False(registered!.EmailConfirmed);

        await SignInWithCompanyAsync("ben", "/me");

        var linked = await UserAsync("ben@acme.test");
        Assert.Equal(registered.Id, linked!.Id);
        Assert.True(linked.EmailConfirmed);
        Assert.Null(linked.PasswordHash);
        var signIn = await squatter.SubmitAsync("/account/login", new() { ["Input.Email"] = "ben@acme.test", ["Input.Password"] = Browser.Password },
            "form.password-sign-in");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(Web.Pages.Account.LoginModel.NoMatch, WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_company_account_whose_email_is_not_verified_is_refused_with_the_reason_and_gets_no_account_or_role()
    {
        await Browser.RegisteredAsync(_app, "First Organizer", "first@example.test");

        var page = await SignInWithCompanyAsync("una", "/me");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did not confirm that the email address is yours");
        Assert.Null(await UserAsync("una@acme.test"));
        var me = await page.GotoAsync(Url("/me"));
        Assert.Contains("/account/login", me!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_or_replayed_answer_at_the_callback_ends_on_the_sign_in_page_with_a_message_not_an_error()
    {
        var browser = _app.NewBrowser();
        using var forged = await browser.Client.PostAsync("/signin-oidc",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "made-up", ["state"] = "made-up", ["iss"] = _provider.Authority }));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal($"/account/login?{CompanySignIn.FailedQuery}=1", forged.Headers.Location?.OriginalString);

        var page = await browser.GetPageAsync(forged.Headers.Location!.OriginalString);
        Assert.Contains(Web.Pages.Account.LoginModel.CompanyFailed, page.One("[role=alert]").TextContent, StringComparison.Ordinal);

        using var done = await browser.Client.GetAsync("/account/external/done");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/account/login?", done.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_button_is_a_form_post_with_antiforgery_and_the_pages_allow_the_provider_as_a_form_target()
    {
        var browser = _app.NewBrowser();
        using var withoutToken = await browser.Client.PostAsync("/account/external", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var started = await browser.SubmitAsync("/account/login", [], "form.company-sign-in");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.StartsWith($"{_provider.Authority}/auth?", started.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {_provider.Authority};", started.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

/// <summary>Company sign-in instead of local accounts: no passwords anywhere.</summary>
public sealed class CompanyOnlyTests
{
    [Fact]
    public async Task With_local_accounts_off_the_sign_in_page_offers_only_the_company_and_the_password_pages_answer_404()
    {
        var settings = OpenIdProvider.Settings(OpenIdProvider.ReservePort());
        settings["Accounts:LocalAccounts"] = "false";
        using var app = new PlayDayApp(settings: settings);
        var browser = app.NewBrowser();

        var login = await browser.GetPageAsync("/account/login");
        Assert.Equal("Sign in with Acme SSO", login.One("form.company-sign-in button").TextContent.Trim());
        Assert.Empty(login.QuerySelectorAll("input[type=password]"));
        Assert.Empty(login.QuerySelectorAll("a[href*='/account/register']"));

        using var password = await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = login.One("input[name='__RequestVerificationToken']").GetAttribute("value")!,
            ["Input.Email"] = "ada@acme.test",
            ["Input.Password"] = Browser.Password,
        }));
        Assert.Equal(HttpStatusCode.NotFound, password.StatusCode);
        foreach (var path in new[] { "/account/register", "/account/forgot", "/account/resend", "/account/check-inbox" })
        {
            using var response = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public void Local_accounts_off_without_company_sign_in_does_not_start_because_nobody_could_sign_in()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["Accounts:LocalAccounts"] = "false" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("needs company sign-in", error.ToString(), StringComparison.Ordinal);
    }
}
