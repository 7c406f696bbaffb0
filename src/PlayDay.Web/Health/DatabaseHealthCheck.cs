using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlayDay.Web.Data;

namespace PlayDay.Web.Health;

/// <summary>Healthy when the database answers a real query against the schema.</summary>
public sealed class DatabaseHealthCheck(PlayDayDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.PlayDays.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", e);
        }
    }
}
