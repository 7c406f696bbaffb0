using System.Text;
using System.Text.Encodings.Web;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>
/// A plain notification email: paragraphs, one link, more paragraphs; as text and as HTML, every
/// piece of user text encoded for the part it goes in (the subject is kept to one line).
/// </summary>
public static class Letter
{
    public static OutgoingMail Compose(string to, string subject, IEnumerable<string> before, Uri link, IEnumerable<string> after, DateTime nowUtc, int? playDayId = null)
    {
        var text = new StringBuilder();
        var e = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">");
        foreach (var paragraph in before)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(e.Encode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }
        text.Append(link.AbsoluteUri).Append("\n\n");
        html.Append("<p><a href=\"").Append(e.Encode(link.AbsoluteUri)).Append("\">").Append(e.Encode(link.AbsoluteUri)).Append("</a></p>");
        foreach (var paragraph in after)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(e.Encode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }
        html.Append("</body></html>");
        return new OutgoingMail
        {
            PlayDayId = playDayId,
            To = to,
            Subject = UserText.OneLine(subject),
            TextBody = text.ToString().TrimEnd() + "\n",
            HtmlBody = html.ToString(),
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
    }
}
