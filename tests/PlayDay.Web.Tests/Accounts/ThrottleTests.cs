using System.Net;
using PlayDay.Web.Accounts;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>Each account form takes a limited number of submissions per minute from one network address.</summary>
public sealed class ThrottleTests
{
    public static TheoryData<string, string> Forms => new()
    {
        { "Accounts:SignInsPerMinute", "/account/login" },
        { "Accounts:RegistrationsPerMinute", "/account/register" },
        { "Accounts:LinkRequestsPerMinute", "/account/forgot" },
        { "Accounts:LinkRequestsPerMinute", "/account/resend" },
    };

    private static Dictionary<string, string> FieldsFor(string form, int attempt) => form switch
    {
        "/account/login" => new() { ["Input.Email"] = "olu@example.test", ["Input.Password"] = $"Guess-number-{attempt}" },
        "/account/register" => new()
        {
            ["Input.DisplayName"] = $"Person {attempt}",
            ["Input.Email"] = $"person{attempt}@example.test",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        },
        _ => new() { ["Input.Email"] = $"person{attempt}@example.test" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Past_the_limit_an_account_form_answers_429_with_Retry_After_and_a_readable_page(string setting, string form)
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { [setting] = "3" });

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            answers.Add(await new Browser(app.CreateBrowser()).SubmitAsync(form, FieldsFor(form, attempt)));
        }

        Assert.All(answers.Take(3), r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        var refused = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var page = await Browser.ParseAsync(refused);
        Assert.Equal("Too many attempts", page.One("h1").TextContent);
        Assert.Contains($"Wait {(int)retryAfter.Value.TotalSeconds} seconds, then try again.", page.One("main").TextContent, StringComparison.Ordinal);
        // Reading the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await new Browser(app.CreateBrowser()).GetAsync(form)).Status);
    }

    [Fact]
    public async Task The_limit_is_per_form_so_a_flood_of_sign_ins_does_not_block_registration()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["Accounts:SignInsPerMinute"] = "1" });
        await AccountForms.SignInAsync(new Browser(app.CreateBrowser()), "olu@example.test", "Guess-number-1");
        var blocked = await AccountForms.SignInAsync(new Browser(app.CreateBrowser()), "olu@example.test", "Guess-number-2");

        var registered = await AccountForms.RegisterAsync(new Browser(app.CreateBrowser()), "Olu Organizer", "olu@example.test");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData(null, AccountThrottle.NoAddress)]
    public void Addresses_are_counted_per_IPv4_address_and_per_IPv6_64(string? address, string network) =>
        Assert.Equal(network, AccountThrottle.NetworkOf(address is null ? null : IPAddress.Parse(address)));
}
