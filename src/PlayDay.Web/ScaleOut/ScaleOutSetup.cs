using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlayDay.Web.Pages;
using StackExchange.Redis;

namespace PlayDay.Web.ScaleOut;

/// <summary>Several instances behind one address ("Redis" section): one Redis carries board events between them.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "redis.internal:6379,password=…,ssl=true"; empty: one instance, no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of the Redis channels, so several PlayDay sites can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "playday";
}

public static class ScaleOutSetup
{
    /// <summary>
    /// With <c>Redis:Configuration</c> set, SignalR's Redis backplane sends every board event to the screens on
    /// every instance, and /healthz checks Redis. The one connection is shared by both.
    /// </summary>
    public static IServiceCollection AddPlayDayScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (string.IsNullOrWhiteSpace(settings.Configuration))
        {
            return services;
        }
        var redis = new RedisConnection(settings.Configuration);
        services.AddSingleton(redis);
        services.AddSignalR().AddStackExchangeRedis(options =>
        {
            options.Configuration.ChannelPrefix = RedisChannel.Literal(settings.ChannelPrefix);
            options.ConnectionFactory = _ => redis.GetAsync();
        });
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(5));
        services.AddHostedService(provider => new SharedPagesAcrossInstances(redis, provider.GetRequiredService<SharedPageEviction>(),
            RedisChannel.Literal(settings.ChannelPrefix + ":shared-pages"), provider.GetRequiredService<ILogger<SharedPagesAcrossInstances>>()));
        return services;
    }
}

/// <summary>One connection to Redis for the process, made on first use; StackExchange.Redis reconnects on its own.</summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(async () =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down for a moment: the backplane and the health check see it come back.
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options);
    });

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}

/// <summary>Unhealthy when Redis does not answer a PING: board events would not reach screens on other instances.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await redis.GetAsync();
            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: board events reach only the screens on this instance. " + e.Message);
        }
    }
}

/// <summary>
/// The shared pages (board, archive, search) are stored per instance and emptied by every write; a write on one
/// instance empties them on every other through a Redis channel, so no instance keeps showing what was there before.
/// </summary>
public sealed class SharedPagesAcrossInstances(RedisConnection redis, SharedPageEviction eviction, RedisChannel channel,
    ILogger<SharedPagesAcrossInstances> logger) : IHostedService
{
    private readonly string _me = Guid.NewGuid().ToString("N");
    private ISubscriber? _subscriber;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriber = (await redis.GetAsync()).GetSubscriber();
        await _subscriber.SubscribeAsync(channel, (_, from) =>
        {
            if (from != _me)
            {
                eviction.EvictHere();
            }
        });
        eviction.Evicted += Publish;
    }

    private void Publish()
    {
        try
        {
            _subscriber?.Publish(channel, _me, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The other instances' pages go stale for at most their 10 s lifetime; the health check shows Redis is down.
            logger.LogWarning(e, "Could not tell the other instances to empty their shared pages.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        eviction.Evicted -= Publish;
        if (_subscriber is not null)
        {
            await _subscriber.UnsubscribeAsync(channel);
        }
    }
}
