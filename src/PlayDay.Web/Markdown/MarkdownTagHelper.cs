using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PlayDay.Web.Markdown;

/// <summary>
/// <c>&lt;markdown text="..." /&gt;</c>: the one place that writes user content as raw HTML, and
/// only after <see cref="MarkdownRenderer"/> has made it safe.
/// </summary>
[HtmlTargetElement("markdown", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MarkdownTagHelper(MarkdownRenderer renderer) : TagHelper
{
    public string? Text { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "markdown");
        output.Content.SetHtmlContent(renderer.ToHtml(Text));
    }
}
