using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlayDay.Web.Archive;

/// <summary>
/// Reads the YAML front matter of an archived share-back with YamlDotNet's event parser, guarded
/// for uploaded files: bounded size and line length; no anchors, aliases or tags (an export never
/// writes them, and refusing aliases means nothing is ever expanded); no tabs as indentation; and
/// only the shapes a share-back has (text, a list of text, a map of counts), so nothing nests more
/// than one level below the top. Every problem is a <see cref="FormatException"/> naming the field
/// or the line.
/// </summary>
public static partial class FrontMatter
{
    public const int MaxChars = 32 * 1024;

    /// <summary>Longer than any line an export writes: 1,000 characters of member names, each escaped as \uXXXX, fit.</summary>
    public const int MaxLineLength = 8 * 1024;

    /// <summary>Items in one list or map; the share-back's own limits (members, tags) are lower and checked on import.</summary>
    public const int MaxItems = 100;

    /// <summary>One front-matter value: text (null for YAML's null or an empty value), a list of text, or a map of text.</summary>
    public sealed record Value(string? Text, IReadOnlyList<string>? Items = null, IReadOnlyList<KeyValuePair<string, string>>? Pairs = null)
    {
        public bool IsNull => Text is null && Items is null && Pairs is null;
    }

    /// <summary>
    /// The fields of <paramref name="yaml"/> (the lines between the fences, with "\n" line ends).
    /// <paramref name="firstLine"/> is the file's line number of its first line, for messages.
    /// </summary>
    public static Dictionary<string, Value> Read(string yaml, int firstLine = 2)
    {
        if (yaml.Length > MaxChars)
        {
            throw new FormatException($"its front matter is longer than {MaxChars / 1024} KiB.");
        }
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > MaxLineLength)
            {
                throw new FormatException($"line {firstLine + i} of the front matter is longer than {MaxLineLength} characters.");
            }
            // YamlDotNet lets a tab-indented key through at the top level; YAML itself never allows tabs as indentation.
            if (lines[i].TrimStart(' ').StartsWith('\t'))
            {
                throw new FormatException($"line {firstLine + i} of the front matter is indented with a tab; YAML indents with spaces.");
            }
        }
        try
        {
            return ReadMapping(new Parser(new StringReader(yaml)), firstLine);
        }
        catch (YamlException e)
        {
            var line = (int)Math.Min(Math.Max(e.Start.Line, 1), lines.Length);
            var key = KeyOnLine().Match(lines[line - 1]) is { Success: true } match ? $", in {match.Groups[1].Value}" : "";
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"its front matter is not valid YAML (line {firstLine + line - 1}{key}): {e.Message.TrimEnd('.')}."));
        }
    }

    private static Dictionary<string, Value> ReadMapping(Parser parser, int firstLine)
    {
        var fields = new Dictionary<string, Value>(StringComparer.Ordinal);
        Expect<StreamStart>(parser, "its front matter");
        var first = Next(parser, "its front matter");
        if (first is StreamEnd)
        {
            return fields; // empty front matter: the caller names the first missing field
        }
        if (first is not DocumentStart)
        {
            throw new FormatException("its front matter cannot be read.");
        }
        var root = Next(parser, "its front matter");
        if (root is Scalar { Value: "" } && Next(parser, "its front matter") is DocumentEnd)
        {
            return EndOfStream(parser, fields);
        }
        if (root is not MappingStart)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"its front matter must be lines of “key: value” (line {firstLine + root.Start.Line - 1})."));
        }
        while (true)
        {
            var keyEvent = Next(parser, "its front matter");
            if (keyEvent is MappingEnd)
            {
                break;
            }
            if (keyEvent is not Scalar { Value: var key } || key.Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"line {firstLine + keyEvent.Start.Line - 1} of the front matter does not start with a field name."));
            }
            var value = ReadValue(parser, key);
            if (!fields.TryAdd(key, value))
            {
                throw new FormatException($"its front matter has {Shown(key)} twice.");
            }
        }
        Expect<DocumentEnd>(parser, "its front matter");
        return EndOfStream(parser, fields);
    }

    private static Dictionary<string, Value> EndOfStream(Parser parser, Dictionary<string, Value> fields) =>
        Next(parser, "its front matter") is StreamEnd ? fields : throw new FormatException("its front matter holds more than one YAML document.");

    private static Value ReadValue(Parser parser, string key)
    {
        var name = Shown(key);
        switch (Next(parser, name))
        {
            case Scalar scalar:
                return new Value(IsNull(scalar) ? null : scalar.Value);
            case SequenceStart:
                var items = new List<string>();
                while (Next(parser, name) is var item && item is not SequenceEnd)
                {
                    if (item is not Scalar text || IsNull(text))
                    {
                        throw new FormatException($"{name} must be a list of text, one item each.");
                    }
                    items.Add(text.Value);
                    if (items.Count > MaxItems)
                    {
                        throw new FormatException($"{name} lists more than {MaxItems} items.");
                    }
                }
                return new Value(null, Items: items);
            case MappingStart:
                var pairs = new List<KeyValuePair<string, string>>();
                while (Next(parser, name) is var pairKey && pairKey is not MappingEnd)
                {
                    if (pairKey is not Scalar { Value: var itemKey } || Next(parser, name) is not Scalar { Value: var itemValue } itemEvent || IsNull(itemEvent))
                    {
                        throw new FormatException($"{name} must be a map of “key: value” pairs.");
                    }
                    pairs.Add(new(itemKey, itemValue));
                    if (pairs.Count > MaxItems)
                    {
                        throw new FormatException($"{name} holds more than {MaxItems} items.");
                    }
                }
                return new Value(null, Pairs: pairs);
            default:
                throw new FormatException($"{name} cannot be read.");
        }
    }

    /// <summary>The next event, refusing what a share-back never needs: aliases, anchors and tags.</summary>
    private static ParsingEvent Next(Parser parser, string where)
    {
        bool moved;
        try
        {
            moved = parser.MoveNext();
        }
        catch (Exception e) when (e is not (YamlException or OutOfMemoryException))
        {
            // Some malformed input trips the parser itself (an unclosed [ before more lines: InvalidOperationException).
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "it cannot be read from here on", e);
        }
        if (!moved || parser.Current is not { } current)
        {
            throw new FormatException($"{where} ends too early.");
        }
        return current switch
        {
            AnchorAlias => throw new FormatException($"{where} uses a YAML alias (*name); write the value out instead."),
            NodeEvent { Anchor.IsEmpty: false } => throw new FormatException($"{where} uses a YAML anchor (&name); write the value out instead."),
            NodeEvent { Tag.IsEmpty: false } => throw new FormatException($"{where} uses a YAML tag (!name), which a share-back file does not need."),
            _ => current,
        };
    }

    private static void Expect<T>(Parser parser, string where) where T : ParsingEvent
    {
        if (Next(parser, where) is not T)
        {
            throw new FormatException($"{where} cannot be read.");
        }
    }

    /// <summary>YAML's null: ~, null, or nothing at all, unquoted.</summary>
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A key as it may appear in a message: one line, not too long.</summary>
    public static string Shown(string key)
    {
        var line = Data.UserText.OneLine(key);
        return line.Length > 40 ? line[..40] + "…" : line;
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]{0,39})\s*:")]
    private static partial Regex KeyOnLine();
}
