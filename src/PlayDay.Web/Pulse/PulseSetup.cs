namespace PlayDay.Web.Pulse;

public static class PulseSetup
{
    /// <summary>The anonymous pulse: short optional questions when joining a team and after a play day.</summary>
    public static IServiceCollection AddPlayDayPulse(this IServiceCollection services) => services.AddScoped<PulseChanges>();
}
