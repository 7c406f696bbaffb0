using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.Accounts;

public sealed class AccountTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<string> UserIdAsync(string name) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.DisplayName == name).Select(u => u.Id).SingleAsync());

    private static async Task<bool> CanOpenNewPlayDayFormAsync(Browser browser) =>
        (await browser.GetAsync("/playdays/new")).Status == HttpStatusCode.OK;

    [Fact]
    public async Task The_first_account_on_a_fresh_install_becomes_an_organizer_and_later_ones_are_participants()
    {
        var first = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var second = await Browser.RegisteredAsync(_app, "Pat Participant");

        Assert.True(await CanOpenNewPlayDayFormAsync(first));
        Assert.False(await CanOpenNewPlayDayFormAsync(second));
        Assert.Contains("(organizer)", (await first.GetPageAsync("/")).One(".who").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_demo_install_the_demo_organizer_is_the_first_and_a_new_account_is_a_participant()
    {
        using var demo = new PlayDayApp(seedDemoData: true);

        var newcomer = await Browser.RegisteredAsync(demo, "Nia Newcomer");

        Assert.False(await CanOpenNewPlayDayFormAsync(newcomer));
        var maya = await demo.WithDbAsync(db => db.Users.Where(u => u.Email == "maya@playday.local").Select(u => u.Id).SingleAsync());
        Assert.Equal(maya, await demo.WithDbAsync(db => db.Installations.Select(i => i.FirstOrganizerUserId).SingleAsync()));
    }

    [Fact]
    public async Task An_organizer_promotes_a_participant_who_then_can_schedule()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        await Browser.RegisteredAsync(_app, "Pat Participant");
        var patId = await UserIdAsync("Pat Participant");

        var response = await organizer.SubmitAsync("/people", [], $"form[action*='handler=Promote'][action*='{patId}']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pat = new Browser(_app.CreateBrowser());
        await pat.SubmitAsync("/account/login", new() { ["Input.Email"] = "pat@example.test", ["Input.Password"] = Browser.Password });
        Assert.True(await CanOpenNewPlayDayFormAsync(pat));
    }

    [Fact]
    public async Task A_demoted_organizer_loses_organizer_rights_in_their_open_session_within_minutes()
    {
        var olu = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var pat = await Browser.RegisteredAsync(_app, "Pat Participant");
        var patId = await UserIdAsync("Pat Participant");
        await olu.SubmitAsync("/people", [], $"form[action*='handler=Promote'][action*='{patId}']");
        await pat.SubmitAsync("/account/login", new() { ["Input.Email"] = "pat@example.test", ["Input.Password"] = Browser.Password });
        Assert.True(await CanOpenNewPlayDayFormAsync(pat));

        var demote = await olu.SubmitAsync("/people", [], $"form[action*='handler=Demote'][action*='{patId}']");
        Assert.Equal(HttpStatusCode.Redirect, demote.StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await CanOpenNewPlayDayFormAsync(pat));
    }

    [Fact]
    public async Task The_last_organizer_cannot_be_demoted()
    {
        var olu = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var oluId = await UserIdAsync("Olu Organizer");

        var response = await olu.SubmitAsync("/people", [], $"form[action*='handler=Demote'][action*='{oluId}']");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Olu Organizer is the only organizer. Make someone else an organizer first.",
            Browser.ErrorsOn(await Browser.ParseAsync(response)));
        Assert.True(await CanOpenNewPlayDayFormAsync(olu));
    }

    [Fact]
    public async Task A_weak_password_is_explained_on_the_form()
    {
        var browser = new Browser(_app.CreateBrowser());

        var response = await browser.SubmitAsync("/account/register", new()
        {
            ["Input.DisplayName"] = "Olu",
            ["Input.Email"] = "olu@example.test",
            ["Input.Password"] = "password1",
            ["Input.ConfirmPassword"] = "password1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(response)), e => e.Contains("uppercase", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_says_so_and_signing_in_right_returns_to_the_page_asked_for()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());

        var wrong = await browser.SubmitAsync("/account/login?ReturnUrl=%2Fpeople", new() { ["Input.Email"] = "olu@example.test", ["Input.Password"] = "nope" });
        var right = await browser.SubmitAsync("/account/login?ReturnUrl=%2Fpeople", new() { ["Input.Email"] = "olu@example.test", ["Input.Password"] = Browser.Password });

        Assert.Contains("That email and password do not match an account, or the account is not confirmed yet.", Browser.ErrorsOn(await Browser.ParseAsync(wrong)));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/people", right.LocationPath());
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());

        var response = await browser.SubmitAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example", new() { ["Input.Email"] = "olu@example.test", ["Input.Password"] = Browser.Password });

        Assert.Equal("/", response.LocationPath());
    }
}
