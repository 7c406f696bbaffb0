using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PlayDay.Web.Pages;

/// <summary>
/// One form field the house way: <c>&lt;field asp-for="Input.Title" maxlength="80" hint="..." /&gt;</c>
/// renders <c>div.field</c> with the label, the input, the hint (tied to the input by
/// aria-describedby) and the validation message, each from the framework's own tag helpers, so
/// names, ids and labels are what <c>asp-for</c> gives. A <see cref="Data.MultiLineAttribute"/>
/// property gets a text area; a bool gets a check box after its label's text, without a message.
/// <c>class</c> is added to the div; every other attribute goes to the input; content
/// (a datalist, say) goes after the hint.
/// </summary>
[HtmlTargetElement("field", Attributes = ForAttributeName)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    private const string ForAttributeName = "asp-for";

    [HtmlAttributeName(ForAttributeName)]
    public ModelExpression For { get; set; } = null!;

    /// <summary>Label text when it differs from the property's display name.</summary>
    public string? Label { get; set; }

    public string? Hint { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var extra = await output.GetChildContentAsync();
        var multiLine = For.Metadata.DataTypeName == nameof(DataType.MultilineText);
        var checkBox = !multiLine && For.Metadata.UnderlyingOrModelType == typeof(bool);
        var classes = $"field{(checkBox ? " check" : "")} {output.Attributes["class"]?.Value}".TrimEnd();
        var inputAttributes = new TagHelperAttributeList(output.Attributes.Where(a => a.Name != "class"));

        var input = multiLine ? await TextAreaAsync(context, inputAttributes) : await InputAsync(context, inputAttributes);
        var label = await LabelAsync(context);
        TagBuilder? hint = null;
        if (Hint is not null && input.Attributes["id"]?.Value is { } id)
        {
            hint = new TagBuilder("span");
            hint.Attributes["id"] = $"{id}-hint";
            hint.AddCssClass("hint");
            hint.InnerHtml.Append(Hint);
            input.Attributes.SetAttribute("aria-describedby", $"{id}-hint");
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        output.Attributes.SetAttribute("class", classes);
        if (checkBox)
        {
            output.Content.SetHtmlContent(input).AppendHtml(label);
        }
        else
        {
            output.Content.SetHtmlContent(label).AppendHtml(input);
        }
        if (hint is not null)
        {
            output.Content.AppendHtml(hint);
        }
        output.Content.AppendHtml(extra);
        if (!checkBox)
        {
            output.Content.AppendHtml(await ValidationMessageAsync(context));
        }
    }

    private async Task<TagHelperOutput> InputAsync(TagHelperContext context, TagHelperAttributeList attributes)
    {
        // The input tag helper copies a given type from the element's attributes itself.
        var type = attributes["type"]?.Value?.ToString();
        var input = new InputTagHelper(generator) { For = For, ViewContext = ViewContext, InputTypeName = type };
        var output = Output("input", new TagHelperAttributeList(attributes.Where(a => a.Name != "type")), TagMode.SelfClosing);
        await input.ProcessAsync(Context(context, "input", attributes), output);
        return output;
    }

    private async Task<TagHelperOutput> TextAreaAsync(TagHelperContext context, TagHelperAttributeList attributes)
    {
        var output = Output("textarea", attributes, TagMode.StartTagAndEndTag);
        await new TextAreaTagHelper(generator) { For = For, ViewContext = ViewContext }.ProcessAsync(Context(context, "textarea", attributes), output);
        return output;
    }

    private async Task<TagHelperOutput> LabelAsync(TagHelperContext context)
    {
        var output = Output("label", [], TagMode.StartTagAndEndTag);
        if (Label is not null)
        {
            output.Content.SetContent(Label);
        }
        await new LabelTagHelper(generator) { For = For, ViewContext = ViewContext }.ProcessAsync(Context(context, "label", []), output);
        return output;
    }

    private async Task<TagHelperOutput> ValidationMessageAsync(TagHelperContext context)
    {
        var output = Output("span", [new TagHelperAttribute("class", "field-error")], TagMode.StartTagAndEndTag);
        await new ValidationMessageTagHelper(generator) { For = For, ViewContext = ViewContext }.ProcessAsync(Context(context, "span", output.Attributes), output);
        return output;
    }

    private static TagHelperOutput Output(string tagName, TagHelperAttributeList attributes, TagMode mode) =>
        new(tagName, attributes, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent())) { TagMode = mode };

    private static TagHelperContext Context(TagHelperContext field, string tagName, TagHelperAttributeList attributes) =>
        new(tagName, new TagHelperAttributeList(attributes), field.Items, $"{field.UniqueId}-{tagName}");
}
