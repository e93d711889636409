using CampusCompanion.Core.State;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

/// <summary>Deletes every key in the user's index in one script: state, Direct Line logs, and anything a later
/// feature indexes there. No key scan.</summary>
public sealed class RedisPersonalDataEraser(IConnectionMultiplexer redis, RedisKeys keys) : IPersonalDataEraser
{
    public Task EraseAsync(string channelId, string userId, CancellationToken ct) =>
        RedisGuard.RunAsync(() => redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.EraseUser, [keys.UserIndex(channelId, userId)]));
}
