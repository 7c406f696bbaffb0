using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PlayDay.Web.Markdown;

/// <summary>
/// <c>&lt;markdown text="..." id-prefix="shareback-12-" /&gt;</c> (or <c>rendered="..."</c> with HTML the
/// renderer made earlier): the one place that writes user
/// content as raw HTML, and only after <see cref="MarkdownRenderer"/> has made it safe. The prefix
/// goes before every heading id, so two documents on one page, or a document and the page itself,
/// never share an id; without one it is <see cref="MarkdownRenderer.DefaultIdPrefix"/>.
/// </summary>
[HtmlTargetElement("markdown", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MarkdownTagHelper(MarkdownRenderer renderer) : TagHelper
{
    public string? Text { get; set; }

    /// <summary>Markdown the renderer already made into HTML (rendered once, shown many times); used instead of <see cref="Text"/>.</summary>
    public RenderedMarkdown? Rendered { get; set; }

    [HtmlAttributeName("id-prefix")]
    public string? IdPrefix { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "markdown");
        output.Content.SetHtmlContent(Rendered?.Html ?? renderer.ToHtml(Text, IdPrefix ?? MarkdownRenderer.DefaultIdPrefix));
    }
}
