using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>
/// Builds the MIME message for a queued row. Headers are encoded by MimeKit, and stored text goes into
/// them on one line whatever it holds. A row with a calendar becomes what Outlook, Gmail and Apple Mail
/// each look for (RFC 6047): multipart/mixed holding multipart/alternative (text/plain, text/html,
/// text/calendar with the iTIP method) and the same calendar again as an invite.ics attachment.
/// </summary>
public sealed class MailComposer(IOptions<MailOptions> options, TimeProvider clock)
{
    /// <summary>Writes every line ending as CRLF, in headers and bodies alike.</summary>
    public static readonly FormatOptions Format = CreateFormat();

    /// <summary>The message for <paramref name="mail"/>; throws when it cannot be built (say, a malformed address).</summary>
    public MimeMessage Compose(OutgoingMail mail)
    {
        var from = options.Value.From;
        var to = EmailAddress.Parse(mail.To)
            ?? throw new FormatException($"The recipient “{Shorten(UserText.OneLine(mail.To))}” is not an email address.");
        var message = new MimeMessage
        {
            Subject = UserText.OneLine(mail.Subject),
            Date = clock.GetUtcNow(),
            MessageId = MessageId(mail, from),
        };
        message.From.Add(new MailboxAddress(UserText.OneLine(options.Value.FromName), from));
        message.To.Add(MailboxAddress.Parse(to));
        if (mail.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail programs show their own "Unsubscribe", which POSTs List-Unsubscribe=One-Click here.
            if (!Uri.TryCreate(unsubscribe, UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)
            {
                throw new FormatException("The unsubscribe address is not an http(s) URL.");
            }
            message.Headers.Add("List-Unsubscribe", $"<{link.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var alternative = new MultipartAlternative
        {
            Text("plain", mail.TextBody),
            Text("html", mail.HtmlBody),
        };
        if (mail.Calendar is null)
        {
            message.Body = alternative;
            return message;
        }
        var method = mail.CalendarMethod is { Length: > 0 and <= 16 } m && m.All(char.IsAsciiLetterUpper)
            ? m
            : throw new FormatException($"The calendar method “{Shorten(UserText.OneLine(mail.CalendarMethod))}” is not an iTIP method.");
        // Base64 keeps the calendar's CRLFs and 75-octet folding byte for byte.
        var calendar = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.Base64 };
        calendar.ContentType.Parameters.Add("method", method);
        calendar.SetText(Encoding.UTF8, mail.Calendar);
        alternative.Add(calendar);
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(mail.Calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }

    /// <summary>
    /// Stable for a row, so every retry carries the same Message-ID and a receiver can tell a repeat;
    /// the hash keeps it unique when a fresh database starts counting ids from 1 again.
    /// </summary>
    public static string MessageId(OutgoingMail mail, string from)
    {
        var seed = string.Create(CultureInfo.InvariantCulture, $"{mail.Id}\n{mail.CreatedAtUtc:O}\n{mail.To}");
        var token = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 8));
        var host = new IdnMapping().GetAscii(MailboxAddress.Parse(from).Domain);
        return string.Create(CultureInfo.InvariantCulture, $"outbox-{mail.Id}.{token}@{host}");
    }

    private static TextPart Text(string subtype, string body)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, body.ReplaceLineEndings("\r\n"));
        return part;
    }

    private static string Shorten(string text) => text.Length > 100 ? text[..100] + "…" : text;

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
