using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Following;

/// <summary>
/// The digest email: new share-backs and outcome changes in the tools someone follows, each linked to
/// its permalink, and a link to manage following. As text and as HTML; every piece of stored text is
/// encoded for the part it goes in, and the subject is kept to one line.
/// </summary>
public static class DigestLetter
{
    public const int ExcerptLength = 240;

    public sealed record NewShareBack(int Id, string Title, string TeamName, IReadOnlyList<string> Tags, string Excerpt, Uri Link);

    public sealed record OutcomeChange(int ShareBackId, string Title, Outcome From, Outcome To, string? Note, DateTime AtUtc, Uri Link);

    /// <summary>The first <see cref="ExcerptLength"/> characters of a share-back as a person reads it: no Markdown, no template headings.</summary>
    public static string Excerpt(string markdown)
    {
        var text = PlainText.FromMarkdown(PlainText.WithoutTemplateHeadings(markdown));
        if (text.Length <= ExcerptLength)
        {
            return text;
        }
        // Cut at a word when there is one near the end, and never inside a surrogate pair.
        var cut = text.LastIndexOf(' ', ExcerptLength - 1);
        cut = cut < ExcerptLength / 2 ? ExcerptLength - 1 : cut;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut].TrimEnd() + "…";
    }

    public static string Subject(IReadOnlyList<string> tags, int shareBacks, int changes)
    {
        var parts = new List<string>();
        if (shareBacks > 0)
        {
            parts.Add(Count(shareBacks, "new share-back", "new share-backs"));
        }
        if (changes > 0)
        {
            parts.Add(Count(changes, "outcome change", "outcome changes"));
        }
        return UserText.OneLine($"PlayDay digest: {string.Join(" and ", parts)} in {Topics(tags)}");
    }

    public static OutgoingMail Compose(string to, string name, IReadOnlyList<string> tags, DigestFrequency frequency,
        IReadOnlyList<NewShareBack> shareBacks, int moreShareBacks, IReadOnlyList<OutcomeChange> changes, int moreChanges,
        Uri archive, Uri manage, Uri unsubscribe, DateTime nowUtc)
    {
        var c = CultureInfo.InvariantCulture;
        var e = HtmlEncoder.Default;
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">");
        var since = frequency == DigestFrequency.Daily ? "yesterday" : "last week";
        var greeting = $"Hello {UserText.OneLine(name)}, here is what is new since {since} in {Topics(tags)}.";
        text.Append(greeting).Append("\n\n");
        html.Append("<p>").Append(e.Encode(greeting)).Append("</p>");

        if (shareBacks.Count > 0)
        {
            text.Append("NEW SHARE-BACKS\n\n");
            html.Append("<h2 style=\"font-size:1.1em\">New share-backs</h2><ul>");
            foreach (var s in shareBacks)
            {
                var line = $"{s.TeamName} · {string.Join(", ", s.Tags)}";
                text.Append("* ").Append(UserText.OneLine(s.Title)).Append('\n')
                    .Append("  ").Append(UserText.OneLine(line)).Append('\n');
                if (s.Excerpt.Length > 0)
                {
                    text.Append("  ").Append(UserText.OneLine(s.Excerpt)).Append('\n');
                }
                text.Append("  ").Append(s.Link.AbsoluteUri).Append("\n\n");
                html.Append("<li><a href=\"").Append(e.Encode(s.Link.AbsoluteUri)).Append("\">").Append(e.Encode(s.Title)).Append("</a><br>")
                    .Append("<small>").Append(e.Encode(line)).Append("</small>");
                if (s.Excerpt.Length > 0)
                {
                    html.Append("<br>").Append(e.Encode(s.Excerpt));
                }
                html.Append("</li>");
            }
            html.Append("</ul>");
            More(text, html, moreShareBacks, "share-back", "share-backs", archive);
        }

        if (changes.Count > 0)
        {
            text.Append("OUTCOME CHANGES\n\n");
            html.Append("<h2 style=\"font-size:1.1em\">Outcome changes</h2><ul>");
            foreach (var change in changes)
            {
                var what = $"{Outcomes.Label(change.From)} → {Outcomes.Label(change.To)}, {change.AtUtc.ToString("d MMM", c)}";
                text.Append("* ").Append(UserText.OneLine(change.Title)).Append(": ").Append(what).Append('\n');
                if (change.Note is { Length: > 0 } note)
                {
                    text.Append("  “").Append(UserText.OneLine(note)).Append("”\n");
                }
                text.Append("  ").Append(change.Link.AbsoluteUri).Append("\n\n");
                html.Append("<li><a href=\"").Append(e.Encode(change.Link.AbsoluteUri)).Append("\">").Append(e.Encode(change.Title)).Append("</a>: ")
                    .Append(e.Encode(what));
                if (change.Note is { Length: > 0 } htmlNote)
                {
                    html.Append("<br>“").Append(e.Encode(htmlNote).Replace("\n", "<br>", StringComparison.Ordinal)).Append('”');
                }
                html.Append("</li>");
            }
            html.Append("</ul>");
            More(text, html, moreChanges, "outcome change", "outcome changes", archive);
        }

        var footer = $"You get this {(frequency == DigestFrequency.Daily ? "daily" : "weekly")} digest because you follow {Topics(tags)} in PlayDay. "
            + "Change what you follow, or get it daily or weekly:";
        const string stop = "Stop these emails (one click, no sign-in):";
        text.Append("--\n").Append(footer).Append('\n').Append(manage.AbsoluteUri).Append('\n')
            .Append(stop).Append('\n').Append(unsubscribe.AbsoluteUri).Append('\n');
        html.Append("<hr><p><small>").Append(e.Encode(footer)).Append(" <a href=\"").Append(e.Encode(manage.AbsoluteUri)).Append("\">")
            .Append("Manage following").Append("</a>. <a href=\"").Append(e.Encode(unsubscribe.AbsoluteUri)).Append("\">")
            .Append("Stop these emails").Append("</a></small></p></body></html>");
        return new OutgoingMail
        {
            To = to,
            Subject = Subject(tags, shareBacks.Count + moreShareBacks, changes.Count + moreChanges),
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
            ListUnsubscribe = unsubscribe.AbsoluteUri,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
    }

    private static void More(StringBuilder text, StringBuilder html, int more, string one, string many, Uri archive)
    {
        if (more <= 0)
        {
            return;
        }
        var line = $"and {Count(more, one, many)} more in the archive:";
        text.Append(line).Append(' ').Append(archive.AbsoluteUri).Append("\n\n");
        html.Append("<p>").Append(HtmlEncoder.Default.Encode(line)).Append(" <a href=\"").Append(HtmlEncoder.Default.Encode(archive.AbsoluteUri)).Append("\">")
            .Append(HtmlEncoder.Default.Encode(archive.AbsoluteUri)).Append("</a></p>");
    }

    private static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static string Topics(IReadOnlyList<string> tags) =>
        tags.Count switch
        {
            0 => "the tools you follow",
            1 => tags[0],
            <= 4 => string.Join(", ", tags.SkipLast(1)) + " and " + tags[^1],
            _ => string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", tags.Take(3))} and {tags.Count - 3} more tools"),
        };
}
