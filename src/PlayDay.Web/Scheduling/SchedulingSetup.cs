namespace PlayDay.Web.Scheduling;

public static class SchedulingSetup
{
    public static IServiceCollection AddPlayDayScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>()
            .Bind(configuration.GetSection(SchedulingOptions.Section))
            .Validate(o => PlayDayTimes.TryFindZone(o.DefaultTimeZone, out _), "PlayDay:DefaultTimeZone must be an IANA time zone such as Europe/Berlin.")
            .ValidateOnStart();
        return services;
    }
}
