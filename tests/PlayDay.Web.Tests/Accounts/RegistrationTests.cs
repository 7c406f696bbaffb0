using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>Registration by email confirmation: the answer never tells whether an address has an account.</summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_unconfirmed_account_cannot_sign_in_and_the_mailed_link_confirms_it_and_signs_in()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var nia = new Browser(_app.CreateBrowser());
        await AccountForms.RegisterAsync(nia, "Nia Newcomer", "nia@example.test");

        var early = await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "nia@example.test");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains(AccountForms.NoMatch, Browser.ErrorsOn(await Browser.ParseAsync(early)));
        Assert.False(await AccountForms.IsSignedInAsync(nia.Client));

        var confirmed = await nia.ConfirmMailedLinkAsync(_app, "nia@example.test");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/", confirmed.LocationPath());
        Assert.Equal("Nia Newcomer", (await nia.GetPageAsync("/me")).One("h1").TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "nia@example.test")).StatusCode);
        // The link is not a standing password: clicking it again signs nobody in.
        var again = new Browser(_app.CreateBrowser());
        var second = await again.ConfirmMailedLinkAsync(_app, "nia@example.test");
        Assert.Equal("/account/login", second.LocationPath());
        Assert.False(await AccountForms.IsSignedInAsync(again.Client));
    }

    [Fact]
    public async Task Opening_the_confirmation_link_confirms_nothing_and_confirming_takes_the_registrants_password()
    {
        // Mallory registers Nia's address with her own password; Nia's mail scanner opens the link, then Nia does.
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        await AccountForms.RegisterAsync(new Browser(_app.CreateBrowser()), "Mallory", "nia@example.test", password: "Mallory-knows-1");
        var link = (await Browser.MailedLinkAsync(_app, "nia@example.test", "/account/confirm")).PathAndQuery;
        var scanner = new Browser(_app.CreateBrowser());
        var nia = new Browser(_app.CreateBrowser());

        var scanned = await scanner.GetPageAsync(link);
        var guessed = await nia.SubmitAsync(link, new() { ["Input.Password"] = "Not-the-one-9" });

        Assert.Equal("Confirm your email address", scanned.One("h1").TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, guessed.StatusCode);
        Assert.Contains("That is not the password chosen for this account.", string.Join(" ", Browser.ErrorsOn(await Browser.ParseAsync(guessed))), StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "nia@example.test").Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.False(await AccountForms.IsSignedInAsync(nia.Client));
        Assert.Equal(HttpStatusCode.OK, (await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "nia@example.test", "Mallory-knows-1")).StatusCode);
    }

    [Fact]
    public async Task A_mangled_confirmation_link_is_refused_with_a_way_forward()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var nia = new Browser(_app.CreateBrowser());
        await AccountForms.RegisterAsync(nia, "Nia Newcomer", "nia@example.test");
        var link = await Browser.MailedLinkAsync(_app, "nia@example.test", "/account/confirm");

        var (status, page) = await nia.GetAsync(link.PathAndQuery.Replace("code=", "code=x", StringComparison.Ordinal));
        var (noCode, _) = await nia.GetAsync("/account/confirm?userId=nobody&code=!!!");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.BadRequest, noCode);
        Assert.Contains("This link does not work", page.One("h1").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/account/resend']"));
        Assert.False(await AccountForms.IsSignedInAsync(nia.Client));
    }

    [Fact]
    public async Task Resending_the_confirmation_mails_a_new_link_that_works_and_answers_the_same_for_any_address()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        await AccountForms.RegisterAsync(new Browser(_app.CreateBrowser()), "Nia Newcomer", "nia@example.test");
        var browser = new Browser(_app.CreateBrowser());

        var known = await browser.SubmitAsync("/account/resend", new() { ["Input.Email"] = "nia@example.test" });
        var unknown = await browser.SubmitAsync("/account/resend", new() { ["Input.Email"] = "nobody@example.test" });
        var confirmedAlready = await browser.SubmitAsync("/account/resend", new() { ["Input.Email"] = "olu@example.test" });

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.LocationPath(), unknown.LocationPath());
        Assert.Equal(known.LocationPath(), confirmedAlready.LocationPath());
        Assert.Contains("If that address has an account waiting for confirmation, we sent it a new link.",
            (await browser.GetPageAsync(known.LocationPath())).One(".sent").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await _app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == "nia@example.test")));
        Assert.False(await _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.To == "nobody@example.test" || m.To == "olu@example.test")));
        var confirmed = await browser.ConfirmMailedLinkAsync(_app, "nia@example.test");
        Assert.Equal("/", confirmed.LocationPath());
    }

    [Fact]
    public async Task Of_eight_first_registrations_at_once_on_an_empty_install_exactly_one_becomes_organizer()
    {
        var start = new TaskCompletionSource();
        var registrations = Enumerable.Range(1, 8).Select(async i =>
        {
            var browser = new Browser(_app.CreateBrowser());
            var token = (await browser.GetPageAsync("/account/register")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
            await start.Task;
            return await browser.Client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.DisplayName"] = $"Racer {i}",
                ["Input.Email"] = $"racer{i}@example.test",
                ["Input.Password"] = Browser.Password,
                ["Input.ConfirmPassword"] = Browser.Password,
            }));
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(registrations);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses, r => r.LocationPath() == "/");
        Assert.Equal(7, responses.Count(r => r.LocationPath() == "/account/check-inbox"));
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var organizer = Assert.Single(await users.GetUsersInRoleAsync(Roles.Organizer));
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        Assert.Equal(organizer.Id, (await db.Installations.SingleAsync()).FirstOrganizerUserId);
        Assert.True(organizer.EmailConfirmed);
        Assert.Equal(8, await db.Users.CountAsync());
        Assert.Equal(7, await db.Users.CountAsync(u => !u.EmailConfirmed));
        Assert.Equal(7, await db.OutgoingMails.CountAsync(m => m.Subject == "Confirm your PlayDay account"));
        Assert.False(await db.OutgoingMails.AnyAsync(m => m.To == organizer.Email));
    }

    [Fact]
    public async Task A_display_name_with_a_line_break_is_refused_with_a_message()
    {
        var browser = new Browser(_app.CreateBrowser());

        var response = await AccountForms.RegisterAsync(browser, "Olu\nOrganizer", "olu@example.test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Use a single line: no line breaks.", Browser.ErrorsOn(await Browser.ParseAsync(response)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_display_name_is_trimmed_and_at_most_80_characters()
    {
        var tooLong = await AccountForms.RegisterAsync(new Browser(_app.CreateBrowser()), new string('a', 81), "olu@example.test");
        await AccountForms.RegisterAsync(new Browser(_app.CreateBrowser()), "  Olu Organizer  ", "olu@example.test");

        Assert.Contains("Your name can be at most 80 characters.", Browser.ErrorsOn(await Browser.ParseAsync(tooLong)));
        Assert.Equal(["Olu Organizer"], await _app.WithDbAsync(db => db.Users.Select(u => u.DisplayName).ToListAsync()));
    }
}

/// <summary>
/// Nia registers a new address while someone else registers Pat's, which has an account already.
/// Both are done once; the tests only look at what followed.
/// </summary>
public sealed class TakenAddressFixture : IAsyncLifetime
{
    public sealed record Answer(HttpStatusCode Status, string Location, string Page);

    public PlayDayApp App { get; } = new();

    public Answer Fresh { get; private set; } = null!;

    public Answer Taken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Browser.RegisteredAsync(App, "Olu Organizer", "olu@example.test");
        await Browser.RegisteredAsync(App, "Pat Participant", "pat@example.test");
        Fresh = await RegisterAsync("Nia Newcomer", "nia@example.test", Browser.Password);
        Taken = await RegisterAsync("Someone Else", "PAT@example.test", "Other-password-7");
    }

    private async Task<Answer> RegisterAsync(string name, string email, string password)
    {
        var browser = new Browser(App.CreateBrowser());
        using var response = await AccountForms.RegisterAsync(browser, name, email, password);
        var location = response.LocationPath();
        return new Answer(response.StatusCode, location, AccountForms.MainText(await browser.GetPageAsync(location)));
    }

    public Task<OutgoingMail> NewestMailToAsync(string to) =>
        App.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstAsync());

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Registering an address that has an account reveals nothing to the registrant and changes nothing about the account.</summary>
public sealed class TakenAddressTests(TakenAddressFixture registered) : IClassFixture<TakenAddressFixture>
{
    [Fact]
    public void A_new_and_a_taken_address_get_the_same_answer()
    {
        Assert.Equal(HttpStatusCode.Redirect, registered.Fresh.Status);
        Assert.Equal("/account/check-inbox", registered.Fresh.Location);
        Assert.Contains("Check your inbox", registered.Fresh.Page, StringComparison.Ordinal);
        Assert.Equal(registered.Fresh, registered.Taken);
    }

    [Fact]
    public async Task A_new_address_is_mailed_a_link_to_confirm_it()
    {
        var confirmation = await registered.NewestMailToAsync("nia@example.test");

        Assert.Null(confirmation.PlayDayId);
        Assert.Equal("Confirm your PlayDay account", confirmation.Subject);
        Assert.StartsWith($"{PlayDayApp.PublicBaseUrl}/account/confirm?", (await Browser.MailedLinkAsync(registered.App, "nia@example.test", "/account/confirm")).AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_address_is_mailed_a_warning_that_points_to_password_reset_and_confirms_nothing()
    {
        var warning = await registered.NewestMailToAsync("pat@example.test");

        Assert.Equal("Someone tried to create a PlayDay account with your address", warning.Subject);
        Assert.DoesNotContain("/account/confirm", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/account/forgot", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_taken_account_keeps_its_name_and_no_second_account_is_made()
    {
        Assert.Equal("Pat Participant", await registered.App.WithDbAsync(db => db.Users.Where(u => u.Email == "pat@example.test").Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal(3, await registered.App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_taken_account_keeps_its_password()
    {
        var other = await AccountForms.SignInAsync(new Browser(registered.App.CreateBrowser()), "pat@example.test", "Other-password-7");
        var own = await AccountForms.SignInAsync(new Browser(registered.App.CreateBrowser()), "pat@example.test");

        Assert.Contains(AccountForms.NoMatch, Browser.ErrorsOn(await Browser.ParseAsync(other)));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }
}
