using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlayDay.Web.Health;

public static class HealthSetup
{
    public const string Path = "/healthz";

    public static IServiceCollection AddPlayDayHealth(this IServiceCollection services)
    {
        services.AddSingleton<JobHeartbeats>();
        services.AddSingleton<DatabaseHealthCheck.LastAnswer>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<JobsHealthCheck>("background-jobs");
        services.AddExceptionHandler<CannotSave>();
        return services;
    }

    /// <summary>503 when anything is unhealthy; the body says which check and why.</summary>
    public static IEndpointRouteBuilder MapPlayDayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
