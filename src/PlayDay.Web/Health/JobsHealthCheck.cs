using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlayDay.Web.Health;

/// <summary>
/// Unhealthy when a background job has not come round its loop for several of its own intervals
/// (stuck or crashed); degraded when it came round but its last round failed.
/// </summary>
public sealed class JobsHealthCheck(JobHeartbeats heartbeats, TimeProvider clock) : IHealthCheck
{
    /// <summary>A job may miss this many rounds (and at least a minute) before it counts as stuck.</summary>
    private const int MissedRounds = 4;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var beats = heartbeats.Snapshot();
        var stuck = beats.Where(b => now - b.Value.AtUtc > Max(b.Value.Interval * MissedRounds, TimeSpan.FromMinutes(1))).ToList();
        var data = beats.ToDictionary(b => b.Key, b => (object)$"last round {b.Value.AtUtc:O}{(b.Value.LastError is { } e ? "; failed: " + e : "")}");
        if (stuck.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                "Stuck: " + string.Join(", ", stuck.Select(s => $"{s.Key} (last round {s.Value.AtUtc:u})")), data: data));
        }
        var failing = beats.Where(b => b.Value.LastError is not null).ToList();
        return Task.FromResult(failing.Count > 0
            ? HealthCheckResult.Degraded("Last round failed: " + string.Join(", ", failing.Select(f => $"{f.Key}: {f.Value.LastError}")), data: data)
            : HealthCheckResult.Healthy($"{beats.Count} job(s) running.", data));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
