using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>Sign-in tells nobody which emails have accounts, and nobody can lock an account.</summary>
public sealed class SignInTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var browser = new Browser(_app.CreateBrowser());

        var unknown = await AccountForms.SignInAsync(browser, "nobody@example.test", "Wrong-password-1");
        var wrong = await AccountForms.SignInAsync(browser, "olu@example.test", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        var unknownPage = await Browser.ParseAsync(unknown);
        var wrongPage = await Browser.ParseAsync(wrong);
        Assert.Equal([AccountForms.NoMatch], Browser.ErrorsOn(unknownPage));
        Assert.Equal(Browser.ErrorsOn(unknownPage), Browser.ErrorsOn(wrongPage));
        Assert.Equal(AccountForms.MainText(unknownPage).Replace("nobody@", "olu@", StringComparison.Ordinal), AccountForms.MainText(wrongPage));
    }

    [Fact]
    public async Task Many_wrong_passwords_lock_nothing_and_the_right_one_still_signs_in()
    {
        await Browser.RegisteredAsync(_app, "Olu Organizer", "olu@example.test");
        var attacker = new Browser(_app.CreateBrowser());

        for (var i = 0; i < 12; i++)
        {
            var wrong = await AccountForms.SignInAsync(attacker, "olu@example.test", $"Guess-number-{i}");
            Assert.Equal([AccountForms.NoMatch], Browser.ErrorsOn(await Browser.ParseAsync(wrong)));
        }

        var olu = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "olu@example.test"));
        Assert.Equal(0, olu.AccessFailedCount);
        Assert.Null(olu.LockoutEnd);
        Assert.False(olu.LockoutEnabled);
        var right = await AccountForms.SignInAsync(new Browser(_app.CreateBrowser()), "olu@example.test");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.LocationPath());
    }
}
