using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Pages;

/// <summary>The &lt;field&gt; convention: a label, the input, its hint and its error, together and tied to each other.</summary>
public sealed class FieldTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_field_keeps_its_label_its_input_its_hint_and_its_error_together()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        var page = await Browser.ParseAsync(await organizer.SubmitAsync("/playdays/new", PlayDayForms.Fields(zone: "Mars/Olympus_Mons")));

        var zone = page.One("input[name='Input.TimeZoneId']");
        var field = zone.ParentElement!;
        Assert.Equal(["field"], field.ClassList);
        Assert.Equal("Time zone", field.One($"label[for='{zone.Id}']").TextContent);
        Assert.Equal("An IANA name, such as Europe/Berlin. Times are in this zone.", field.One($"#{zone.GetAttribute("aria-describedby")}.hint").TextContent);
        Assert.NotNull(field.QuerySelector("datalist#time-zones"));
        Assert.StartsWith("“Mars/Olympus_Mons” is not a time zone we know.", field.One(".field-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("TEXTAREA", page.One("[name='Input.Brief']").TagName);
        Assert.Equal(["field", "narrow"], page.One("[name='Input.ShareBackMinutes']").ParentElement!.ClassList);
    }

    [Fact]
    public async Task A_check_box_comes_before_its_label()
    {
        var page = await _app.NewBrowser().GetPageAsync("/account/login");

        var box = page.One("input[type=checkbox][name='Input.RememberMe']");

        Assert.Equal(["field", "check"], box.ParentElement!.ClassList);
        var label = box.NextElementSibling!;
        Assert.Equal("LABEL", label.TagName);
        Assert.Equal(box.Id, label.GetAttribute("for"));
        Assert.Equal("Keep me signed in", label.TextContent);
        Assert.Null(box.ParentElement!.QuerySelector(".field-error"));
    }
}
