using System.Globalization;
using Microsoft.Extensions.Options;
using PlayDay.Web.Calendar;

namespace PlayDay.Web.Mail;

public static class MailSetup
{
    public static IServiceCollection AddPlayDayMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        // The sender and the invitations' ORGANIZER are one address unless said otherwise: whichever is set fills the other.
        services.PostConfigure<MailOptions>(mail =>
        {
            if (string.IsNullOrWhiteSpace(mail.From))
            {
                var organizer = configuration[$"{CalendarOptions.Section}:{nameof(CalendarOptions.OrganizerEmail)}"];
                mail.From = string.IsNullOrWhiteSpace(organizer) ? MailOptions.DefaultFrom : organizer.Trim();
            }
        });
        services.PostConfigure<CalendarOptions>(calendar =>
        {
            if (string.IsNullOrWhiteSpace(calendar.OrganizerEmail))
            {
                var from = configuration[$"{MailOptions.Section}:{nameof(MailOptions.From)}"];
                calendar.OrganizerEmail = string.IsNullOrWhiteSpace(from) ? MailOptions.DefaultFrom : from.Trim();
            }
        });
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidation>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxWorker>());
        return services;
    }

    /// <summary>Settings that would only fail later, one message at a time, refuse the start instead.</summary>
    private sealed class MailOptionsValidation(IOptions<CalendarOptions> calendar) : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions mail)
        {
            var problems = new List<string>();
            if (EmailAddress.Parse(mail.From) is null)
            {
                problems.Add($"Mail:From “{mail.From}” is not an email address.");
            }
            var organizer = calendar.Value.OrganizerEmail;
            if (EmailAddress.Parse(organizer) is null)
            {
                problems.Add($"Calendar:OrganizerEmail “{organizer}” is not an email address.");
            }
            else if (!string.Equals(organizer, mail.From, StringComparison.OrdinalIgnoreCase) && !mail.AllowDifferentOrganizer)
            {
                problems.Add($"Calendar:OrganizerEmail ({organizer}) differs from Mail:From ({mail.From}): invitations would come from one "
                    + "address while people's calendar replies go to the other. Set one address (the other follows it), "
                    + "or set Mail:AllowDifferentOrganizer=true if the difference is intended.");
            }
            if (mail.MaxAttempts is < 1 or > 100)
            {
                problems.Add("Mail:MaxAttempts must be between 1 and 100.");
            }
            if (mail.TimeoutSeconds is < 1 or > 600)
            {
                problems.Add("Mail:TimeoutSeconds must be between 1 and 600.");
            }
            if (!string.IsNullOrWhiteSpace(mail.SmtpHost))
            {
                if (Uri.CheckHostName(mail.SmtpHost.Trim()) == UriHostNameType.Unknown)
                {
                    problems.Add($"Mail:SmtpHost “{mail.SmtpHost}” is not a host name or address.");
                }
                if (mail.SmtpPort is < 1 or > 65535)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Mail:SmtpPort {mail.SmtpPort} is not a port number."));
                }
            }
            if (!string.IsNullOrWhiteSpace(mail.ServerCertificateThumbprint)
                && MailSender.MailSession.NormalizeThumbprint(mail.ServerCertificateThumbprint) is var thumbprint
                && (thumbprint.Length != 64 || !thumbprint.All(char.IsAsciiHexDigit)))
            {
                problems.Add("Mail:ServerCertificateThumbprint must be a SHA-256 thumbprint: 64 hexadecimal digits.");
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
