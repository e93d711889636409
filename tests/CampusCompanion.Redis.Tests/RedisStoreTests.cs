using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Tests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampusCompanion.Redis.Tests;

internal static class Make
{
    public static RedisKeys Keys(string environment) => new(Options.Create(new RedisOptions { Environment = environment, KeyPepper = "test-pepper" }));
}

public sealed class RedisConversationStateStoreTests(SharedRedis redis) : StateStoreContract, IClassFixture<SharedRedis>
{
    private readonly string _environment = "t" + Guid.NewGuid().ToString("N")[..8];

    protected override IConversationStateStore CreateStore(TimeSpan timeToLive) =>
        new RedisConversationStateStore(redis.Connection, Make.Keys(_environment), Options.Create(new StateOptions { TimeToLive = timeToLive }));

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Ttl_IsSetOnEveryKeyOfATurn()
    {
        var store = CreateStore(TimeSpan.FromDays(30));
        var key = new StateKey("msteams", "a:1" + Guid.NewGuid().ToString("N"), "29:" + Guid.NewGuid().ToString("N"));
        await store.SaveAsync(key, StateSnapshot.New, ConversationState.Empty with { Welcomed = true }, UserState.Empty, default);
        var db = redis.Connection.GetDatabase();
        var keys = Make.Keys(_environment);
        foreach (var k in new[] { keys.Conversation(key.ChannelId, key.ConversationId), keys.User(key.ChannelId, key.UserId), keys.UserIndex(key.ChannelId, key.UserId) })
        {
            var ttl = await db.KeyTimeToLiveAsync(k);
            Assert.NotNull(ttl);
            Assert.InRange(ttl!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        }
    }

    [Fact]
    public async Task KeyNames_NeverContainRawIdentifiers()
    {
        var store = CreateStore();
        var key = new StateKey("msteams", "19:secret-thread@thread.v2", "29:fatima-el-amrani");
        await store.SaveAsync(key, StateSnapshot.New, ConversationState.Empty with { Welcomed = true }, UserState.Empty with { Language = "ar" }, default);
        var server = redis.Connection.GetServers().Single();
        var names = new List<string>();
        await foreach (var k in server.KeysAsync(pattern: $"cc:{_environment}:*")) names.Add(k!);
        Assert.Equal(3, names.Count);
        Assert.All(names, n =>
        {
            Assert.DoesNotContain("secret", n);
            Assert.DoesNotContain("fatima", n);
            Assert.DoesNotContain("msteams", n);
            Assert.Matches($"^cc:{_environment}:(conv|user|idx):[A-Za-z0-9_-]+$", n);
        });
    }

    [Fact]
    public async Task ATurn_IsOneBatchedReadAndOneCompareAndSet()
    {
        var profiler = new Profiler();
        redis.Connection.RegisterProfiler(profiler.Session);
        var store = CreateStore();
        var key = new StateKey("test", Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var loaded = await store.LoadAsync(key, default);
        await store.SaveAsync(key, loaded, loaded.Conversation with { Welcomed = true }, loaded.User, default);
        var commands = profiler.Finish().Select(c => c.Command).ToList();
        Assert.Equal(["HMGET", "HMGET", "EVALSHA"], commands.Select(c => c == "EVAL" ? "EVALSHA" : c));
    }

    private sealed class Profiler
    {
        private readonly StackExchange.Redis.Profiling.ProfilingSession _session = new();
        public StackExchange.Redis.Profiling.ProfilingSession? Session() => _session;
        public IEnumerable<StackExchange.Redis.Profiling.IProfiledCommand> Finish() => _session.FinishProfiling().Where(c => c.Command != "PING");
    }
}

public sealed class RedisDirectLineStoreTests(SharedRedis redis) : DirectLineStoreContract, IClassFixture<SharedRedis>
{
    private readonly RedisKeys _keys = Make.Keys("t" + Guid.NewGuid().ToString("N")[..8]);

    protected override IDirectLineStore CreateStore() =>
        new RedisDirectLineStore(redis.Connection, _keys, Options.Create(new StateOptions()), TimeProvider.System);

    protected override Task EraseUserAsync(string userId) => new RedisPersonalDataEraser(redis.Connection, _keys).EraseAsync("directline", userId, default);

    [Fact]
    public async Task NewsOfAnAppend_ReachesAWaiterOnAnotherNode()
    {
        await using var otherNode = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var here = CreateStore();
        var there = new RedisDirectLineStore(otherNode, _keys, Options.Create(new StateOptions()), TimeProvider.System);
        var id = "conv-" + Guid.NewGuid().ToString("N");
        await here.StartAsync(id, "dl_u", default);
        var waiting = there.WaitForActivitiesAsync(id, 0, TimeSpan.FromSeconds(20), default);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await here.AppendAsync(id, [new CampusCompanion.Core.Protocol.Activity { Type = "message", Text = "hoi" }], default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("hoi", (await there.ReadAsync(id, 0, default)).Activities.Single().Text);
    }
}
