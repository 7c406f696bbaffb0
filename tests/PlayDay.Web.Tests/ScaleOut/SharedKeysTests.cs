using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.ScaleOut;

/// <summary>
/// Instances on different machines share only the database: the keys that sign cookies and antiforgery tokens
/// live in it, so a sign-in and a form from one instance work on the other.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task A_sign_in_cookie_and_an_antiforgery_token_from_one_instance_work_on_another_that_shares_only_the_database()
    {
        using var a = PlayDayApp.WithRealServer();
        var organizer = await Browser.RegisteredAsync(a, "Olu Organizer");
        var form = await organizer.GetPageAsync("/playdays/new");
        var token = form.One("input[name='__RequestVerificationToken']").GetAttribute("value")!;

        using var b = PlayDayApp.WithRealServer(settings: a.DatabaseSettings);
        Assert.NotEqual(a.DataDirectory, b.DataDirectory);
        // The same browser (its cookies) at the other instance's address.
        using var onB = new HttpClient(new SocketsHttpHandler { CookieContainer = organizer.Cookies!, AllowAutoRedirect = false }) { BaseAddress = b.BaseAddress };

        using var me = await onB.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var posted = await onB.PostAsync("/playdays/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Title"] = "",
        }));
        // The token was accepted (a refused token answers 400 before the form is read); the empty title gets its message.
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("field-validation-error", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await b.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(b.DataDirectory, "keys")));
    }
}
