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
