using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlayDay.Web.Health;

public static class HealthSetup
{
    public const string Path = "/healthz";
    public const string Name = "Health";

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
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).WithName(Name).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new HealthAnswer(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckAnswer(e.Value.Status.ToString(), e.Value.Description))), JsonSerializerOptions.Web));
    }

    private sealed record HealthAnswer(string Status, Dictionary<string, HealthCheckAnswer> Checks);

    private sealed record HealthCheckAnswer(string Status, string? Description);
}
