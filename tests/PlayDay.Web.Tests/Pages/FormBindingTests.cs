using System.Net;

namespace PlayDay.Web.Tests.Pages;

/// <summary>Form values no browser would send are field errors, not crashes.</summary>
public sealed class FormBindingTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_checkbox_with_a_value_no_browser_sends_gets_a_message_and_the_form_again()
    {
        var browser = new Browser(_app.CreateBrowser());

        var response = await browser.SubmitAsync("/account/login", new()
        {
            ["Input.Email"] = "nobody@example.test",
            ["Input.Password"] = "Wrong-password-1",
            ["Input.RememberMe"] = "Europe/Berlin",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("This box is either ticked or not; send the form again from the page.", Browser.ErrorsOn(page));
        Assert.Null(page.One("input[name='Input.RememberMe'][type=checkbox]").GetAttribute("checked"));
    }
}

/// <summary>Every request has a size limit; the answer says so and nothing is read past it.</summary>
public sealed class RequestSizeTests : IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_form_post_over_one_megabyte_gets_413_with_a_reason_before_the_body_is_read()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var token = (await organizer.GetPageAsync("/playdays/new")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/playdays/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Brief"] = new string('x', 2 * 1024 * 1024) }),
        };
        // As a browser may: announce the body and wait for the go-ahead, so the early answer is read, not cut off.
        request.Headers.ExpectContinue = true;

        using var response = await organizer.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("That is too large to send: at most 1024 KB.", (await Browser.ParseAsync(response)).One("main p").TextContent, StringComparison.Ordinal);
    }
}
