using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.State;

/// <summary>The embedded default store. It keeps serialised JSON, not live objects, so it behaves like a remote
/// store: nothing a turn changes leaks into the stored copy before the compare-and-set.</summary>
public sealed class InMemoryConversationStateStore(IOptions<StateOptions> options, TimeProvider clock, InMemoryPersonalDataIndex? index = null) : IConversationStateStore
{
    private sealed record Entry(byte[] Json, long Version, DateTimeOffset ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private long _nextVersion;

    public Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct)
    {
        var (conversation, conversationTag) = Read(ConversationKey(key), StateJsonContext.Default.ConversationState, ConversationState.Empty);
        var (user, userTag) = Read(UserKey(key), StateJsonContext.Default.UserState, UserState.Empty);
        return Task.FromResult(new StateSnapshot(conversation, conversationTag, user, userTag));
    }

    public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct)
    {
        var conversationKey = ConversationKey(key);
        var userKey = UserKey(key);
        var conversationJson = JsonSerializer.SerializeToUtf8Bytes(conversation, StateJsonContext.Default.ConversationState);
        var userJson = JsonSerializer.SerializeToUtf8Bytes(user, StateJsonContext.Default.UserState);
        var expiresAt = clock.GetUtcNow() + options.Value.TimeToLive;
        lock (_writeLock)
        {
            if (CurrentTag(conversationKey) != loaded.ConversationETag || CurrentTag(userKey) != loaded.UserETag)
                return Task.FromResult(SaveOutcome.Conflict);
            _entries[conversationKey] = new Entry(conversationJson, ++_nextVersion, expiresAt);
            _entries[userKey] = new Entry(userJson, ++_nextVersion, expiresAt);
            index?.Add(key.ChannelId, key.UserId, "state:" + conversationKey, () => _entries.TryRemove(conversationKey, out _));
            index?.Add(key.ChannelId, key.UserId, "state:" + userKey, () => _entries.TryRemove(userKey, out _));
            if (_nextVersion % 4096 == 0) RemoveExpired();
        }
        return Task.FromResult(SaveOutcome.Saved);
    }

    private (T Value, string? Tag) Read<T>(string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, T empty)
    {
        if (!_entries.TryGetValue(key, out var entry) || IsExpired(entry)) return (empty, null);
        return (JsonSerializer.Deserialize(entry.Json, type) ?? empty, entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private string? CurrentTag(string key) =>
        _entries.TryGetValue(key, out var entry) && !IsExpired(entry) ? entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    private void RemoveExpired()
    {
        foreach (var (key, entry) in _entries)
        {
            if (IsExpired(entry)) _entries.TryRemove(key, out _);
        }
    }

    private bool IsExpired(Entry entry) => entry.ExpiresAt <= clock.GetUtcNow();

    private static string ConversationKey(StateKey key) => $"conv\n{key.ChannelId}\n{key.ConversationId}";
    private static string UserKey(StateKey key) => $"user\n{key.ChannelId}\n{key.UserId}";
}
