using System.Collections.Concurrent;

namespace PlayDay.Web.Health;

/// <summary>
/// Background jobs report here each time round their loop; the health check calls a job stuck when
/// it has not reported for several of its own intervals.
/// </summary>
public sealed class JobHeartbeats(TimeProvider clock)
{
    public sealed record Beat(DateTime AtUtc, TimeSpan Interval, string? LastError);

    private readonly ConcurrentDictionary<string, Beat> _beats = new(StringComparer.Ordinal);

    /// <summary>The job <paramref name="job"/> finished a round; it means to come back within <paramref name="interval"/>.</summary>
    public void Report(string job, TimeSpan interval, string? lastError = null) =>
        _beats[job] = new Beat(clock.GetUtcNow().UtcDateTime, interval, lastError);

    public IReadOnlyDictionary<string, Beat> Snapshot() => new Dictionary<string, Beat>(_beats, StringComparer.Ordinal);
}
