namespace PlayDay.Web.Health;

public static class HealthSetup
{
    public const string Path = "/healthz";

    public static IServiceCollection AddPlayDayHealth(this IServiceCollection services)
    {
        services.AddSingleton<JobHeartbeats>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static IEndpointRouteBuilder MapPlayDayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }
}
