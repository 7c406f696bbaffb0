using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>Sends one message through SMTP, or writes it to the pickup folder when no SMTP host is set.</summary>
public sealed class MailSender(IOptions<MailOptions> mailOptions, IOptions<DataOptions> dataOptions)
{
    public string PickupDirectory => Path.Combine(dataOptions.Value.DataDirectory, "mail-pickup");

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(mailOptions.Value.SmtpHost);

    /// <summary>Sends <paramref name="mail"/>; returns the pickup file name when it was written to the folder.</summary>
    public async Task<string?> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var options = mailOptions.Value;
        using var message = new MailMessage(new MailAddress(options.From, options.FromName), new MailAddress(mail.To))
        {
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        if (mail.Calendar is not null)
        {
            // iMIP (RFC 6047): the part's method parameter matches the VCALENDAR's METHOD.
            var calendar = AlternateView.CreateAlternateViewFromString(mail.Calendar,
                new ContentType($"text/calendar; method={mail.CalendarMethod}; charset=utf-8"));
            calendar.TransferEncoding = TransferEncoding.Base64; // keeps CRLFs and folding byte for byte
            message.AlternateViews.Add(calendar);
        }

        if (UsesPickupFolder)
        {
            return WriteToPickupFolder(message, mail.Id);
        }
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort)
        {
            EnableSsl = options.EnableTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 30_000,
        };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }
        await client.SendMailAsync(message, cancellationToken);
        return null;
    }

    private string WriteToPickupFolder(MailMessage message, int id)
    {
        // SmtpClient names pickup files itself; write to a private folder, then give the file our name.
        var staging = Directory.CreateDirectory(Path.Combine(PickupDirectory, ".staging", Guid.NewGuid().ToString("N")));
        try
        {
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging.FullName })
            {
                client.Send(message);
            }
            var fileName = $"{id:D6}.eml";
            File.Move(staging.GetFiles().Single().FullName, Path.Combine(PickupDirectory, fileName), overwrite: true);
            return fileName;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }
}
