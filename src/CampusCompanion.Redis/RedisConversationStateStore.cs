using System.Globalization;
using System.Text.Json;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

/// <summary>Conversation and user state as JSON in two Redis hashes (<c>v</c> version, <c>d</c> document).
/// A turn costs two round trips: one batched read of both, one compare-and-set script that writes both,
/// refreshes the sliding time-to-live and indexes the keys under the user for erasure.</summary>
public sealed class RedisConversationStateStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<StateOptions> options) : IConversationStateStore
{
    private static readonly RedisValue[] Fields = ["v", "d"];

    public Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct) => RedisGuard.RunAsync(async () =>
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var conversation = batch.HashGetAsync(keys.Conversation(key.ChannelId, key.ConversationId), Fields);
        var user = batch.HashGetAsync(keys.User(key.ChannelId, key.UserId), Fields);
        batch.Execute();
        var (c, cTag) = Parse(await conversation, StateJsonContext.Default.ConversationState, ConversationState.Empty);
        var (u, uTag) = Parse(await user, StateJsonContext.Default.UserState, UserState.Empty);
        return new StateSnapshot(c, cTag, u, uTag);
    });

    public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct) =>
        RedisGuard.RunAsync(async () =>
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.SaveState,
                [keys.Conversation(key.ChannelId, key.ConversationId), keys.User(key.ChannelId, key.UserId), keys.UserIndex(key.ChannelId, key.UserId)],
                [
                    loaded.ConversationETag ?? "", loaded.UserETag ?? "",
                    JsonSerializer.SerializeToUtf8Bytes(conversation, StateJsonContext.Default.ConversationState),
                    JsonSerializer.SerializeToUtf8Bytes(user, StateJsonContext.Default.UserState),
                    (long)options.Value.TimeToLive.TotalMilliseconds,
                ]);
            return (int)result == 1 ? SaveOutcome.Saved : SaveOutcome.Conflict;
        });

    private static (T Value, string? Tag) Parse<T>(RedisValue[] fields, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, T empty)
    {
        if (fields[0].IsNull || fields[1].IsNull) return (empty, null);
        var value = JsonSerializer.Deserialize((byte[])fields[1]!, type) ?? empty;
        return (value, ((long)fields[0]).ToString(CultureInfo.InvariantCulture));
    }
}
