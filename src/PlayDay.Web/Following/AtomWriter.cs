using System.Globalization;
using System.Text;
using System.Xml;

namespace PlayDay.Web.Following;

/// <summary>
/// Writes an Atom feed (RFC 4287): a feed with id, title, updated, author and links, and entries with
/// id, title, updated, published, link, author, categories and a plain-text summary. Text that XML
/// cannot carry (control characters, lone surrogates) is left out rather than break the document.
/// </summary>
public static class AtomWriter
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public sealed record Feed(Uri Id, string Title, Uri Self, Uri Alternate, DateTime UpdatedUtc, IReadOnlyList<Entry> Entries);

    public sealed record Entry(Uri Id, string Title, Uri Link, DateTime PublishedUtc, DateTime UpdatedUtc, string Author, IReadOnlyList<string> Categories, string Summary);

    public static byte[] Write(Feed feed)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true, NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, feed.Id.AbsoluteUri);
            Text(xml, "title", feed.Title);
            xml.WriteElementString("updated", Namespace, Date(feed.UpdatedUtc));
            Link(xml, "self", feed.Self, "application/atom+xml");
            Link(xml, "alternate", feed.Alternate, "text/html");
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, "PlayDay");
            xml.WriteEndElement();
            xml.WriteStartElement("generator", Namespace);
            xml.WriteString("PlayDay");
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                xml.WriteStartElement("entry", Namespace);
                xml.WriteElementString("id", Namespace, entry.Id.AbsoluteUri);
                Text(xml, "title", entry.Title);
                xml.WriteElementString("updated", Namespace, Date(entry.UpdatedUtc));
                xml.WriteElementString("published", Namespace, Date(entry.PublishedUtc));
                Link(xml, "alternate", entry.Link, "text/html");
                xml.WriteStartElement("author", Namespace);
                xml.WriteElementString("name", Namespace, XmlSafe(entry.Author));
                xml.WriteEndElement();
                foreach (var category in entry.Categories)
                {
                    xml.WriteStartElement("category", Namespace);
                    xml.WriteAttributeString("term", XmlSafe(category));
                    xml.WriteEndElement();
                }
                Text(xml, "summary", entry.Summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(XmlSafe(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, Uri href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339, as Atom's date constructs require.</summary>
    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The text without the characters XML 1.0 cannot hold; surrogate pairs stay whole.</summary>
    public static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i, 2);
                i++;
            }
        }
        return safe.ToString();
    }
}
