using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

public static partial class RedisServiceCollectionExtensions
{
    /// <summary>With <c>Redis:Configuration</c> set, every store is Redis (one multiplexer for the process) and
    /// nothing falls back to memory; without it, the core's in-memory stores stay.</summary>
    public static IServiceCollection AddRedisState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        var settings = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (string.IsNullOrWhiteSpace(settings.Configuration)) return services;

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(settings.Configuration);
            // Start even while Redis is down: requests get 503 and /healthz says so, until it is back.
            options.AbortOnConnectFail = false;
            options.ConnectRetry = int.MaxValue;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("CampusCompanion.Redis");
            var multiplexer = ConnectionMultiplexer.Connect(options);
            var endpoints = string.Join(", ", options.EndPoints);
            multiplexer.ConnectionFailed += (_, e) => LogLost(logger, endpoints, e.FailureType.ToString());
            multiplexer.ConnectionRestored += (_, _) => LogRestored(logger, endpoints);
            if (!multiplexer.IsConnected) LogUnreachableAtStart(logger, endpoints);
            return multiplexer;
        });
        services.AddSingleton<RedisKeys>();
        services.Replace(ServiceDescriptor.Singleton<IConversationStateStore, RedisConversationStateStore>());
        services.Replace(ServiceDescriptor.Singleton<IDirectLineStore, RedisDirectLineStore>());
        services.Replace(ServiceDescriptor.Singleton<IPersonalDataEraser, RedisPersonalDataEraser>());
        services.AddHostedService<RedisConnector>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return services;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Redis at {Endpoints} is unreachable at start-up: requests that need conversation state get 503 until it is back; nothing falls back to memory")]
    private static partial void LogUnreachableAtStart(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Lost the connection to Redis at {Endpoints} ({Failure}); answering 503 until it is back")]
    private static partial void LogLost(ILogger logger, string endpoints, string failure);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Connection to Redis at {Endpoints} restored")]
    private static partial void LogRestored(ILogger logger, string endpoints);

    /// <summary>Connects when the host starts, so the first request does not pay for it and the log says early whether Redis is there.</summary>
    private sealed class RedisConnector(IConnectionMultiplexer redis) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(redis.IsConnected);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>/healthz: healthy when Redis answers a PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable");
        }
    }
}
