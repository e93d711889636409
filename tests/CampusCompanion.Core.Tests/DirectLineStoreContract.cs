using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Core.Tests;

/// <summary>The Direct Line log contract; each store's test class inherits it.</summary>
public abstract class DirectLineStoreContract
{
    protected abstract IDirectLineStore CreateStore();

    /// <summary>Erases everything of one user through the store's own per-user index.</summary>
    protected abstract Task EraseUserAsync(string userId);

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task IdsAndWatermarks_AreStableAndMonotonic()
    {
        var store = CreateStore();
        var id = "conv-" + Guid.NewGuid().ToString("N");
        Assert.True(await store.StartAsync(id, "dl_u", default));
        Assert.False(await store.StartAsync(id, "dl_u", default));
        var first = await store.AppendAsync(id, [Message("a")], default);
        var more = await store.AppendAsync(id, [Message("b"), Message("c")], default);
        Assert.Equal($"{id}|0000001", first[0].Id);
        Assert.Equal([$"{id}|0000002", $"{id}|0000003"], more.Select(a => a.Id));
        Assert.All(more, a => Assert.NotNull(a.Timestamp));

        var all = await store.ReadAsync(id, 0, default);
        Assert.Equal(["a", "b", "c"], all.Activities.Select(a => a.Text));
        Assert.Equal(3, all.Watermark);
        var after = await store.ReadAsync(id, 1, default);
        Assert.Equal(["b", "c"], after.Activities.Select(a => a.Text));
        var again = await store.ReadAsync(id, 1, default);
        Assert.Equal(after.Activities.Select(a => a.Id), again.Activities.Select(a => a.Id));
        var nothing = await store.ReadAsync(id, 3, default);
        Assert.Empty(nothing.Activities);
        Assert.Equal(3, nothing.Watermark);
    }

    [Fact]
    public async Task Waiting_EndsWhenSomethingIsAppended()
    {
        var store = CreateStore();
        var id = "conv-" + Guid.NewGuid().ToString("N");
        await store.StartAsync(id, "dl_u", default);
        var waiting = store.WaitForActivitiesAsync(id, 0, TimeSpan.FromSeconds(30), default);
        Assert.False(waiting.IsCompleted);
        await store.AppendAsync(id, [Message("hi")], default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await store.WaitForActivitiesAsync(id, 0, TimeSpan.FromSeconds(30), default).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task UnknownConversations_AreNotFound()
    {
        var store = CreateStore();
        Assert.Null(await store.FindAsync("nope-" + Guid.NewGuid().ToString("N"), default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AppendAsync("nope", [Message("x")], default));
    }

    [Fact]
    public async Task ConcurrentAppends_KeepEveryActivity_WithDistinctIds()
    {
        var store = CreateStore();
        var id = "conv-" + Guid.NewGuid().ToString("N");
        await store.StartAsync(id, "dl_u", default);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => store.AppendAsync(id, [Message("m" + i)], default))));
        var all = await store.ReadAsync(id, 0, default);
        Assert.Equal(50, all.Activities.Select(a => a.Id).Distinct().Count());
        Assert.Equal(50, all.Activities.Select(a => a.Text).Distinct().Count());
    }

    [Fact]
    public async Task AfterAnErasure_TheLogIsGone_AndNewActivitiesNeverReuseAnId()
    {
        var store = CreateStore();
        var id = "conv-" + Guid.NewGuid().ToString("N");
        var user = "dl_" + Guid.NewGuid().ToString("N");
        await store.StartAsync(id, user, default);
        await store.AppendAsync(id, [Message("mijn naam is Sara"), Message("ik woon in Delft"), Message("vraag")], default);
        await EraseUserAsync(user);
        Assert.Null(await store.FindAsync(id, default));
        Assert.Empty((await store.ReadAsync(id, 0, default)).Activities);

        Assert.True(await store.StartAsync(id, user, default));
        var confirmation = await store.AppendAsync(id, [Message("alles is verwijderd")], default);
        Assert.Equal($"{id}|0000004", confirmation[0].Id);
        Assert.Equal(["alles is verwijderd"], (await store.ReadAsync(id, 0, default)).Activities.Select(a => a.Text));
        Assert.Equal(["alles is verwijderd"], (await store.ReadAsync(id, 2, default)).Activities.Select(a => a.Text));
    }
}
