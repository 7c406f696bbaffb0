using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlayDay.Web.Markdown;

/// <summary>
/// HTML that <see cref="MarkdownRenderer"/> made from user Markdown, and nothing else: only the
/// renderer can create one, so the <c>&lt;markdown rendered="..."&gt;</c> tag helper can write it
/// as it is (rendered once, shown many times). In JSON it is the HTML string, for the board's script.
/// </summary>
[JsonConverter(typeof(RenderedMarkdownJson))]
public sealed class RenderedMarkdown
{
    internal RenderedMarkdown(string html) => Html = html;

    public string Html { get; }

    public override string ToString() => Html;

    private sealed class RenderedMarkdownJson : JsonConverter<RenderedMarkdown>
    {
        public override RenderedMarkdown Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Rendered Markdown is only ever written, never read back.");

        public override void Write(Utf8JsonWriter writer, RenderedMarkdown value, JsonSerializerOptions options) => writer.WriteStringValue(value.Html);
    }
}
