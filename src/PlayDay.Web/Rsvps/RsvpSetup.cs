using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Rsvps;

public static class RsvpSetup
{
    public static IServiceCollection AddPlayDayRsvps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RsvpOptions>().Bind(configuration.GetSection(RsvpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RsvpOptions>, RsvpOptionsValidation>();
        services.AddHostedService<ReplyMailboxWorker>();
        return services;
    }

    /// <summary>Settings that would only fail later, every round, refuse the start instead.</summary>
    private sealed class RsvpOptionsValidation : IValidateOptions<RsvpOptions>
    {
        public ValidateOptionsResult Validate(string? name, RsvpOptions rsvp)
        {
            if (!rsvp.IsOn)
            {
                return ValidateOptionsResult.Success;
            }
            var problems = new List<string>();
            if (Uri.CheckHostName(rsvp.ImapHost!.Trim()) == UriHostNameType.Unknown)
            {
                problems.Add($"Rsvp:ImapHost “{rsvp.ImapHost}” is not a host name or address.");
            }
            if (rsvp.ImapPort is < 1 or > 65535)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Rsvp:ImapPort {rsvp.ImapPort} is not a port number."));
            }
            if (string.IsNullOrWhiteSpace(rsvp.Folder))
            {
                problems.Add("Rsvp:Folder must name a folder (INBOX when unsure).");
            }
            if (rsvp.PollSeconds is < 1 or > 86_400)
            {
                problems.Add("Rsvp:PollSeconds must be between 1 and 86400.");
            }
            if (rsvp.TimeoutSeconds is < 1 or > 600)
            {
                problems.Add("Rsvp:TimeoutSeconds must be between 1 and 600.");
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
