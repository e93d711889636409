using CampusCompanion.Core.State;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

/// <summary>Turns "Redis cannot be reached" into the core's <see cref="StoreUnavailableException"/>, so the edges
/// answer 503 (or an empty poll) instead of a crash, and nothing falls back to memory.</summary>
internal static class RedisGuard
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            throw new StoreUnavailableException("Redis is unreachable.", ex);
        }
    }

    public static async Task RunAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            throw new StoreUnavailableException("Redis is unreachable.", ex);
        }
    }

    private static bool IsOutage(Exception ex) => ex is RedisConnectionException or RedisTimeoutException
        || (ex is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)));
}
