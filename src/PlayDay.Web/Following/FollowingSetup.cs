using Microsoft.Extensions.Options;

namespace PlayDay.Web.Following;

public static class FollowingSetup
{
    /// <summary>Following tools: the digest emails and the Atom feeds.</summary>
    public static IServiceCollection AddPlayDayFollowing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FollowingOptions>().Bind(configuration.GetSection(FollowingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FollowingOptions>, Validation>();
        services.AddSingleton<DigestWorker>();
        services.AddSingleton<DigestUnsubscribeLinks>();
        services.AddHostedService(provider => provider.GetRequiredService<DigestWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapPlayDayFollowing(this IEndpointRouteBuilder endpoints) => endpoints.MapPlayDayFeeds();

    /// <summary>Settings that would only fail later, every round, refuse the start instead.</summary>
    private sealed class Validation : IValidateOptions<FollowingOptions>
    {
        public ValidateOptionsResult Validate(string? name, FollowingOptions following)
        {
            var problems = new List<string>();
            if (!Enum.IsDefined(following.DefaultDigest))
            {
                problems.Add("Following:DefaultDigest must be Weekly, Daily or Off.");
            }
            if (following.SendHourUtc is < 0 or > 23)
            {
                problems.Add("Following:SendHourUtc must be between 0 and 23.");
            }
            if (!Enum.IsDefined(following.WeeklyOn))
            {
                problems.Add("Following:WeeklyOn must be a day of the week.");
            }
            if (following.PollSeconds is < 1 or > 86_400)
            {
                problems.Add("Following:PollSeconds must be between 1 and 86400.");
            }
            if (following.BatchSize is < 1 or > 10_000)
            {
                problems.Add("Following:BatchSize must be between 1 and 10000.");
            }
            if (following.MaxItems is < 1 or > 500)
            {
                problems.Add("Following:MaxItems must be between 1 and 500.");
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
