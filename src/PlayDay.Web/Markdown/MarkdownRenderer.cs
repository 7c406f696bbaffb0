using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PlayDay.Web.Markdown;

/// <summary>
/// Renders user Markdown to HTML that is safe to put on a page: raw HTML is escaped, and links
/// and images are kept only for http, https, mailto and relative URLs (Markdig's DisableHtml does
/// not filter URLs, so a javascript: link would otherwise pass through).
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // Built once: a MarkdownPipeline is thread-safe. No generic-attributes extension, which would
    // let authors add event-handler attributes.
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .UseEmphasisExtras()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .DisableHtml()
        .Build();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        // Collect every inline first and change the tree afterwards: unwrapping a link while
        // Markdig enumerates descendants can hide the nodes after it from the enumeration.
        var inlines = new List<Inline>();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is { } container)
            {
                Collect(container, inlines);
            }
        }
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LinkInline link when !IsSafeUrl(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    Unwrap(link);
                    break;
                case AutolinkInline autolink when !IsSafeUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
        return Markdig.Markdown.ToHtml(document, _pipeline);
    }

    /// <summary>True for http, https and mailto URLs and for URLs without a scheme (relative).</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        // Browsers ignore ASCII tabs, newlines and control characters inside a scheme
        // ("java\tscript:"), so read the scheme the way a browser would.
        var compact = new string(url.Where(c => c > ' ').ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true;
        }
        var scheme = compact[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static void Collect(ContainerInline container, List<Inline> into)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            into.Add(inline);
            if (inline is ContainerInline nested)
            {
                Collect(nested, into);
            }
        }
    }

    /// <summary>Replaces a link or image with its text, so nothing clickable or loadable is left.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
