using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PlayDay.Web.Tests;

/// <summary>The form helper sends what a browser sends, no more: tests that pass through it depend on that.</summary>
public sealed class BrowserTests
{
    private const string Form = """
        <form method="post">
          <input name="Title" value="Day one">
          <input type="radio" name="Ask" value="Normal" checked>
          <input type="radio" name="Ask" value="Early">
          <input type="radio" name="Ask" value="Late">
          <input type="checkbox" name="Remember" value="true" checked>
          <input type="checkbox" name="Subscribe" value="true">
          <input type="checkbox" name="Plain" checked>
          <select name="Zone"><option value="Europe/Berlin">Berlin</option><option value="UTC">UTC</option></select>
          <select name="Room"><option value="A">A</option><option value="B" selected>B</option></select>
          <select name="Tools" multiple><option selected>ChatGPT</option><option>Copilot</option><option selected disabled>Old</option></select>
          <select name="Nothing" multiple><option>One</option></select>
          <textarea name="Body">Some text</textarea>
          <input name="Locked" value="x" disabled>
          <fieldset disabled><legend><input name="InLegend" value="kept"></legend><input name="InFieldset" value="dropped"></fieldset>
          <input type="file" name="Upload">
          <input type="button" name="Helper" value="no">
          <input type="hidden" name="Remember" value="false">
          <input type="hidden" name="Subscribe" value="false">
          <button name="handler" value="Save">Save</button>
          <button name="handler" value="Delete">Delete</button>
          <button type="button" name="Script" value="no">Script</button>
        </form>
        """;

    private static IHtmlFormElement ParseForm() => new HtmlParser().ParseDocument(Form).QuerySelector<IHtmlFormElement>("form")!;

    private static string Sent(IHtmlFormElement form, string? button = null)
    {
        var submitter = button is null ? null : form.QuerySelector(button);
        return string.Join("&", Browser.EntriesOf(form, submitter).Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Only_checked_boxes_and_the_checked_radio_go_with_their_hidden_fallbacks_after_them()
    {
        var sent = Sent(ParseForm());

        Assert.Contains("&Ask=Normal&", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask=Early", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask=Late", sent, StringComparison.Ordinal);
        Assert.Contains("&Remember=true&", sent, StringComparison.Ordinal);
        Assert.Contains("&Plain=on&", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe=true", sent, StringComparison.Ordinal);
        Assert.EndsWith("&Remember=false&Subscribe=false", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_select_sends_its_selected_options_or_else_its_first()
    {
        var sent = Sent(ParseForm());

        Assert.Contains("&Zone=Europe/Berlin&Room=B&Tools=ChatGPT&Body=", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing=", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_controls_files_and_buttons_not_pressed_send_nothing()
    {
        var sent = Sent(ParseForm());

        Assert.Equal("Title=Day one&Ask=Normal&Remember=true&Plain=on&Zone=Europe/Berlin&Room=B&Tools=ChatGPT&Body=Some text&InLegend=kept&Remember=false&Subscribe=false", sent);
    }

    [Fact]
    public void The_pressed_button_sends_its_name_and_value()
    {
        var form = ParseForm();

        Assert.EndsWith("&handler=Delete", Sent(form, "button[value=Delete]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_button_named_the_first_submit_button_is_pressed_as_Enter_would()
    {
        var form = ParseForm();

        Assert.Equal("Save", Browser.DefaultButton(form)?.GetAttribute("value"));
    }
}
