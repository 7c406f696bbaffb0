using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Discoveries;

public static class DiscoverySetup
{
    /// <summary>What happens to a discovery after its play day: outcomes, figures, adopters, follow-ups, and the emails about them.</summary>
    public static IServiceCollection AddPlayDayDiscoveries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DiscoveryChanges>();
        services.AddScoped<DiscoveryMail>();
        // The board shows last quarter's recap on every first paint: read once a minute, not per screen.
        services.AddMemoryCache();
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidation>();
        services.AddSingleton<FollowUpLinks>();
        services.AddSingleton<FollowUpWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<FollowUpWorker>());
        return services;
    }

    /// <summary>Settings that would only fail later, every round, refuse the start instead.</summary>
    private sealed class FollowUpOptionsValidation : IValidateOptions<FollowUpOptions>
    {
        public ValidateOptionsResult Validate(string? name, FollowUpOptions followUps)
        {
            var problems = new List<string>();
            if (followUps.PollSeconds is < 1 or > 86_400)
            {
                problems.Add("FollowUps:PollSeconds must be between 1 and 86400.");
            }
            if (followUps.MaxLateDays is < 0 or > 365)
            {
                problems.Add("FollowUps:MaxLateDays must be between 0 and 365.");
            }
            if (followUps.LinkDays is < 1 or > 365)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"FollowUps:LinkDays must be between 1 and 365 (it is {followUps.LinkDays})."));
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
