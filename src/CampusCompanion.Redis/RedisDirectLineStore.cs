using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

/// <summary>Direct Line conversations in Redis: each log is a stream whose entry ids are the activities' sequence
/// numbers (so the watermark is the stream position), metadata in a hash, and news of appends over pub/sub, so a
/// WebSocket on one node hears about a reply produced on another.</summary>
public sealed class RedisDirectLineStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<StateOptions> options, TimeProvider clock)
    : IDirectLineStore, IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private int _subscribed;

    private long TimeToLiveMs => (long)options.Value.TimeToLive.TotalMilliseconds;

    public Task<bool> StartAsync(string conversationId, string userId, CancellationToken ct) => RedisGuard.RunAsync(async () =>
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.StartConversation,
            [keys.DirectLineMeta(conversationId), keys.DirectLineLog(conversationId), keys.UserIndex("directline", userId)],
            [userId, clock.GetUtcNow().ToUnixTimeMilliseconds(), TimeToLiveMs]);
        return (int)result == 1;
    });

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken ct) => RedisGuard.RunAsync(async () =>
    {
        var meta = await redis.GetDatabase().HashGetAsync(keys.DirectLineMeta(conversationId), ["user", "started"]);
        if (meta[0].IsNull) return null;
        var started = DateTimeOffset.FromUnixTimeMilliseconds((long)meta[1]);
        return (DirectLineConversation?)new DirectLineConversation(conversationId, meta[0]!, started);
    });

    public Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct) =>
        RedisGuard.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var values = new RedisValue[4 + activities.Count];
            values[0] = TimeToLiveMs;
            values[1] = now.ToUnixTimeMilliseconds();
            values[2] = keys.DirectLineNews.ToString();
            values[3] = keys.Hash("directline", conversationId);
            // Stored without id and timestamp: the stream entry is both.
            for (var i = 0; i < activities.Count; i++)
                values[4 + i] = JsonSerializer.SerializeToUtf8Bytes(activities[i] with { Id = null, Timestamp = null }, ActivityJsonContext.Default.Activity);
            long first;
            try
            {
                first = (long)await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.AppendActivities,
                    [keys.DirectLineLog(conversationId), keys.DirectLineSequence(conversationId), keys.DirectLineMeta(conversationId)], values);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOCONVERSATION", StringComparison.Ordinal))
            {
                throw new KeyNotFoundException("No such Direct Line conversation.");
            }
            return (IReadOnlyList<Activity>)activities
                .Select((a, i) => a with { Id = DirectLineIds.ActivityId(conversationId, first + i), Timestamp = now })
                .ToList();
        });

    public Task<ActivityPage> ReadAsync(string conversationId, long afterWatermark, CancellationToken ct) => RedisGuard.RunAsync(async () =>
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var entries = batch.StreamRangeAsync(keys.DirectLineLog(conversationId), $"({afterWatermark}-1", "+");
        var sequence = batch.StringGetAsync(keys.DirectLineSequence(conversationId));
        batch.Execute();
        var page = new List<Activity>();
        var watermark = afterWatermark;
        foreach (var entry in await entries)
        {
            var n = long.Parse(((string)entry.Id!).Split('-')[0], CultureInfo.InvariantCulture);
            var activity = JsonSerializer.Deserialize((byte[])entry["a"]!, ActivityJsonContext.Default.Activity)!;
            page.Add(activity with
            {
                Id = DirectLineIds.ActivityId(conversationId, n),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)entry["t"]),
            });
            watermark = n;
        }
        // After an erasure the numbers go on where they were: a client behind them must not wait for ids that are gone.
        if (page.Count == 0 && (long?)await sequence is { } last && last > watermark) watermark = last;
        return new ActivityPage(page, watermark);
    });

    public async Task WaitForActivitiesAsync(string conversationId, long afterWatermark, TimeSpan timeout, CancellationToken ct)
    {
        await SubscribeOnceAsync();
        var hash = keys.Hash("directline", conversationId);
        var news = _waiting.GetOrAdd(hash, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // Checked after registering, so an append between the two is never missed.
        var last = await RedisGuard.RunAsync(async () => (long?)await redis.GetDatabase().StringGetAsync(keys.DirectLineSequence(conversationId)) ?? 0);
        if (last > afterWatermark) return;
        try
        {
            await news.Task.WaitAsync(timeout, clock, ct);
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task SubscribeOnceAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1) return;
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.DirectLineNews, (_, hash) =>
            {
                if (_waiting.TryRemove((string)hash!, out var waiter)) waiter.TrySetResult();
            });
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            // Try again on the next wait; StackExchange.Redis restores subscriptions after reconnects by itself.
            Volatile.Write(ref _subscribed, 0);
            throw new StoreUnavailableException("Redis is unreachable.", ex);
        }
    }

    public void Dispose()
    {
        foreach (var waiter in _waiting.Values) waiter.TrySetResult();
    }
}
