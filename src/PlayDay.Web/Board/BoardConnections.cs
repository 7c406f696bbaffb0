using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Board;

/// <summary>
/// Counts open board connections, per person and in all, so that one client opening sockets in a
/// loop is refused with a reason long before the server runs out of file descriptors or memory,
/// and everyone else keeps their board. Also meters hub calls per person.
/// </summary>
public sealed class BoardConnections(IOptions<BoardOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Meter> _calls = new(StringComparer.Ordinal);
    private int _total;

    private BoardOptions Options => options.Value;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Why a new connection for <paramref name="user"/> is refused now (status and reason), or null.</summary>
    public (int Status, string Reason)? Refusal(ClaimsPrincipal user)
    {
        if (Total >= MaxConnections)
        {
            return (StatusCodes.Status503ServiceUnavailable, "The live board is full right now. It will try again shortly; the archive still works.");
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (_perUser.GetValueOrDefault(id) >= Options.MaxConnectionsPerUser)
        {
            return (StatusCodes.Status429TooManyRequests, $"You have the board open in {Options.MaxConnectionsPerUser} places already. Close one to open another.");
        }
        return null;
    }

    /// <summary>Counts a connection in; false (and not counted) when it is over a limit.</summary>
    public bool TryOpen(string userId)
    {
        if (Interlocked.Increment(ref _total) > MaxConnections)
        {
            Interlocked.Decrement(ref _total);
            return false;
        }
        if (_perUser.AddOrUpdate(userId, 1, (_, n) => n + 1) > Options.MaxConnectionsPerUser)
        {
            Close(userId);
            return false;
        }
        return true;
    }

    public void Close(string userId)
    {
        Interlocked.Decrement(ref _total);
        // Remove the entry at zero, so the dictionary does not grow with everyone who ever connected.
        if (_perUser.AddOrUpdate(userId, 0, (_, n) => n - 1) <= 0)
        {
            _perUser.TryRemove(new KeyValuePair<string, int>(userId, 0));
        }
    }

    /// <summary>Takes one hub call from <paramref name="userId"/>'s allowance (a fixed window); false when it is used up.</summary>
    public bool TryCall(string userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var meter = _calls.GetOrAdd(userId, _ => new Meter());
        lock (meter)
        {
            if (now - meter.WindowStartUtc >= TimeSpan.FromSeconds(10))
            {
                meter.WindowStartUtc = now;
                meter.Count = 0;
            }
            return ++meter.Count <= Options.HubCallsPer10Seconds;
        }
    }

    /// <summary>Forgets the call meter of someone with no connection left.</summary>
    public void Forget(string userId)
    {
        if (!_perUser.ContainsKey(userId))
        {
            _calls.TryRemove(userId, out _);
        }
    }

    /// <summary>The configured cap, never above what the process's file-descriptor limit leaves room for.</summary>
    public int MaxConnections => Math.Min(Options.MaxConnections, ConnectionLimits.FromDescriptors());

    private sealed class Meter
    {
        public DateTime WindowStartUtc;
        public int Count;
    }
}

/// <summary>How many sockets the process can hold: its open-file limit, less room for the database, logs and keys.</summary>
public static class ConnectionLimits
{
    private const int Reserved = 256;
    private static readonly Lazy<int> Descriptors = new(ReadDescriptorLimit);

    public static int FromDescriptors() => Descriptors.Value;

    private static int ReadDescriptorLimit()
    {
        try
        {
            // Linux: "Max open files  <soft>  <hard>  files".
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            return long.TryParse(soft, System.Globalization.CultureInfo.InvariantCulture, out var limit) ? (int)Math.Clamp(limit - Reserved, 64, int.MaxValue) : int.MaxValue;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return int.MaxValue;
        }
    }
}
