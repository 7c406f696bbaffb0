namespace PlayDay.Web.Discoveries;

public static class DiscoverySetup
{
    /// <summary>What happens to a discovery after its play day: outcomes, figures, adopters, and the emails about them.</summary>
    public static IServiceCollection AddPlayDayDiscoveries(this IServiceCollection services)
    {
        services.AddScoped<DiscoveryChanges>();
        services.AddScoped<DiscoveryMail>();
        return services;
    }
}
