using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlayDay.Web.Data;

namespace PlayDay.Web.Health;

/// <summary>
/// Healthy when the database answers a read AND accepts a write (a full disk or a read-only file
/// makes every save fail while reads still work). The write is one tiny row; the answer is reused
/// for a few seconds so that /healthz, which anyone may call, cannot turn into a write load.
/// </summary>
public sealed class DatabaseHealthCheck(PlayDayDbContext db, TimeProvider clock, DatabaseHealthCheck.LastAnswer last) : IHealthCheck
{
    public const string ProbeName = "health";
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(5);

    /// <summary>The latest answer, shared by every check (the check itself is made per request).</summary>
    public sealed class LastAnswer
    {
        public DateTime AtUtc { get; set; } = DateTime.MinValue;
        public HealthCheckResult Result { get; set; }
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await last.Gate.WaitAsync(cancellationToken);
        try
        {
            if (now - last.AtUtc < Reuse && now >= last.AtUtc)
            {
                return last.Result;
            }
            last.Result = await ProbeAsync(now, cancellationToken);
            last.AtUtc = now;
            return last.Result;
        }
        finally
        {
            last.Gate.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(DateTime now, CancellationToken cancellationToken)
    {
        // A locked or stuck database must not make the health check hang as long as a page would wait.
        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(3));
        try
        {
            await db.PlayDays.AnyAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
        try
        {
            if (await db.Heartbeats.Where(h => h.Name == ProbeName).ExecuteUpdateAsync(h => h.SetProperty(x => x.AtUtc, now), cancellationToken) == 0)
            {
                db.Heartbeats.Add(new Heartbeat { Name = ProbeName, AtUtc = now });
                await db.SaveChangesAsync(cancellationToken);
            }
            return HealthCheckResult.Healthy("Reads and writes succeed.");
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another instance made the probe row at the same moment: the database took that write.
            return HealthCheckResult.Healthy("Reads and writes succeed.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be written: " + CannotSave.Describe(e), e);
        }
    }
}
