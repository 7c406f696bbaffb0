using System.Net;
using System.Security.Cryptography;
using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PlayDay.Web.Markdown;

/// <summary>
/// Renders user Markdown to HTML that is safe to put on a page: raw HTML is escaped, links and
/// images are kept only for http, https, mailto and relative URLs (Markdig's DisableHtml does not
/// filter URLs, so a javascript: link would otherwise pass through), remote images become links
/// (nothing is loaded from elsewhere), and heading ids carry the caller's prefix. It never throws:
/// nesting is capped before parsing (<see cref="MarkdownNesting"/>), and a text that still cannot be
/// rendered is shown as written.
/// </summary>
public sealed class MarkdownRenderer(ILogger<MarkdownRenderer> logger)
{
    /// <summary>Heading ids start with this unless the caller names another prefix.</summary>
    public const string DefaultIdPrefix = "md-";

    /// <summary>Stored texts hold at most 20,000 characters; anything this long is shown as written, unparsed.</summary>
    public const int MaxLength = 100_000;

    public const string UnformattedNote = "This text could not be formatted, so it is shown as written.";

    private const int RememberedFailures = 256;

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

    // Texts whose failure was logged already (by hash), oldest first, so a broken text viewed all
    // day is logged once.
    private readonly Lock _failuresLock = new();
    private readonly HashSet<string> _loggedFailures = new(StringComparer.Ordinal);
    private readonly Queue<string> _loggedOrder = new();

    /// <summary>As <see cref="ToHtml"/>, as a value the tag helper and the board's events carry as they are.</summary>
    public RenderedMarkdown Render(string? markdown, string? idPrefix = DefaultIdPrefix) => new(ToHtml(markdown, idPrefix));

    /// <param name="markdown">The user's text.</param>
    /// <param name="idPrefix">Put before every heading id, so ids from two documents on one page, or from a
    /// document and the page itself, cannot collide. Only letters, digits, '-' and '_' are kept.</param>
    public string ToHtml(string? markdown, string? idPrefix = DefaultIdPrefix)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        if (markdown.Length > MaxLength)
        {
            LogOnce(markdown, null);
            return Unformatted(markdown);
        }
        var prefix = CleanPrefix(idPrefix);
        try
        {
            try
            {
                return RenderSafely(MarkdownNesting.Limit(markdown), prefix);
            }
            catch (ArgumentException)
            {
                // Markdig's "too deeply nested": the pass left code alone that Markdig read as text.
                return RenderSafely(MarkdownNesting.Limit(markdown, leaveCodeAlone: false), prefix);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogOnce(markdown, exception);
            return Unformatted(markdown);
        }
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
        var compact = Compact(url);
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

    /// <summary>True for a URL that a browser would fetch from another host: http(s) or scheme-relative ("//host/x").</summary>
    public static bool IsRemoteUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }
        var compact = Compact(url);
        // Browsers read a backslash as a slash in http URLs, so "/\host" is "//host".
        return compact.Length >= 2 && compact[0] is '/' or '\\' && compact[1] is '/' or '\\'
            || compact.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || compact.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
    }

    private string RenderSafely(string markdown, string idPrefix)
    {
        var document = Markdig.Markdown.Parse(markdown, _pipeline);

        var headingIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.TryGetAttributes() is { Id: { } id } attributes)
            {
                headingIds.Add(id);
                attributes.Id = idPrefix + id;
            }
        }

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
                case LinkInline { IsImage: true } image when IsRemoteUrl(image.GetDynamicUrl?.Invoke() ?? image.Url):
                    ImageToLink(image);
                    break;
                case LinkInline { GetDynamicUrl: null, Url: ['#', .. var fragment] } link when headingIds.Contains(fragment):
                    link.Url = "#" + idPrefix + fragment;
                    break;
                case AutolinkInline autolink when !IsSafeUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
        return Markdig.Markdown.ToHtml(document, _pipeline);
    }

    private static string Compact(string url) => new(url.Where(c => c > ' ').ToArray());

    private static string CleanPrefix(string? prefix) =>
        prefix is null ? DefaultIdPrefix : new string(prefix.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());

    private static string Unformatted(string markdown) =>
        $"<p class=\"markdown-unformatted\">{UnformattedNote}</p><pre class=\"markdown-unformatted\">{WebUtility.HtmlEncode(markdown)}</pre>";

    private void LogOnce(string markdown, Exception? exception)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        lock (_failuresLock)
        {
            if (!_loggedFailures.Add(key))
            {
                return;
            }
            _loggedOrder.Enqueue(key);
            if (_loggedOrder.Count > RememberedFailures)
            {
                _loggedFailures.Remove(_loggedOrder.Dequeue());
            }
        }
        if (exception is null)
        {
            logger.LogWarning("A Markdown text of {Length} characters (sha256 {Hash}) is longer than {MaxLength}, so it is shown as written.",
                markdown.Length, key[..16], MaxLength);
        }
        else
        {
            logger.LogError(exception, "A Markdown text of {Length} characters (sha256 {Hash}) could not be rendered, so it is shown as written.",
                markdown.Length, key[..16]);
        }
    }

    /// <summary>Every inline under <paramref name="root"/>, in document order, without recursion (the tree may be deep).</summary>
    private static void Collect(ContainerInline root, List<Inline> into)
    {
        var pending = new Stack<Inline>();
        for (var inline = root.LastChild; inline is not null; inline = inline.PreviousSibling)
        {
            pending.Push(inline);
        }
        while (pending.TryPop(out var inline))
        {
            into.Add(inline);
            if (inline is ContainerInline nested)
            {
                for (var child = nested.LastChild; child is not null; child = child.PreviousSibling)
                {
                    pending.Push(child);
                }
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

    /// <summary>A remote image becomes a link to it, its alt text the link's text; inside a link, just its alt text.</summary>
    private static void ImageToLink(LinkInline image)
    {
        for (var parent = image.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline)
            {
                Unwrap(image);
                return;
            }
        }
        image.IsImage = false;
        if (image.FirstChild is null)
        {
            image.AppendChild(new LiteralInline(image.GetDynamicUrl?.Invoke() ?? image.Url ?? ""));
        }
    }
}
