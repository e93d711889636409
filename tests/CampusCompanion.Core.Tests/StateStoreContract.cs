using System.Collections.Immutable;
using CampusCompanion.Core.State;

namespace CampusCompanion.Core.Tests;

/// <summary>The state contract every store must keep; each store's test class inherits it.</summary>
public abstract class StateStoreContract
{
    protected IConversationStateStore CreateStore() => CreateStore(TimeSpan.FromDays(30));

    protected abstract IConversationStateStore CreateStore(TimeSpan timeToLive);

    /// <summary>Lets time pass for the store: a moved clock in memory, real waiting for Redis.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    private static StateKey NewKey() => new("msteams", "19:abc;messageid=" + Guid.NewGuid().ToString("N") + "@thread.v2", "29:" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Load_OfNothing_IsEmptyWithNoTags()
    {
        var snapshot = await CreateStore().LoadAsync(NewKey(), default);
        Assert.Empty(snapshot.Conversation.Stack);
        Assert.Null(snapshot.ConversationETag);
        Assert.Null(snapshot.UserETag);
    }

    [Fact]
    public async Task Save_ThenLoad_RoundTripsTypedState()
    {
        var store = CreateStore();
        var key = NewKey();
        var conversation = ConversationState.Empty with { Welcomed = true, Stack = [new DialogFrame("study_choice", 3, 1)], Suspended = [new DialogFrame("crisis", 0)] };
        var user = UserState.Empty with
        {
            Language = "ar", Audience = "parent",
            Memory = ImmutableDictionary<string, RememberedValue>.Empty.Add("study.motive", new("family", "study_choice.motive.choices.family")).Add("study.strengths", new("ik kan \"goed\" luisteren ✓ مرحبا")),
        };
        Assert.Equal(SaveOutcome.Saved, await store.SaveAsync(key, StateSnapshot.New, conversation, user, default));
        var loaded = await store.LoadAsync(key, default);
        Assert.Equal(conversation.Stack.ToArray(), loaded.Conversation.Stack.ToArray());
        Assert.Equal(conversation.Suspended.ToArray(), loaded.Conversation.Suspended.ToArray());
        Assert.True(loaded.Conversation.Welcomed);
        Assert.Equal("ar", loaded.User.Language);
        Assert.Equal(user.Memory["study.strengths"], loaded.User.Memory["study.strengths"]);
        Assert.Equal(user.Memory["study.motive"], loaded.User.Memory["study.motive"]);
        Assert.NotNull(loaded.ConversationETag);
    }

    [Fact]
    public async Task Save_WithAStaleTag_ConflictsAndWritesNothing()
    {
        var store = CreateStore();
        var key = NewKey();
        var first = await store.LoadAsync(key, default);
        var second = await store.LoadAsync(key, default);
        Assert.Equal(SaveOutcome.Saved, await store.SaveAsync(key, first, ConversationState.Empty with { Stack = [new DialogFrame("a", 1)] }, UserState.Empty, default));
        Assert.Equal(SaveOutcome.Conflict, await store.SaveAsync(key, second, ConversationState.Empty with { Stack = [new DialogFrame("b", 2)] }, UserState.Empty, default));
        Assert.Equal("a", (await store.LoadAsync(key, default)).Conversation.Stack.Single().Dialog);
    }

    [Fact]
    public async Task Save_ConflictsWhenOnlyTheUserChanged_ElsewhereInAnotherConversation()
    {
        var store = CreateStore();
        var key = NewKey();
        var other = key with { ConversationId = "other-" + Guid.NewGuid().ToString("N") };
        var here = await store.LoadAsync(key, default);
        var there = await store.LoadAsync(other, default);
        Assert.Equal(SaveOutcome.Saved, await store.SaveAsync(other, there, ConversationState.Empty, UserState.Empty with { Language = "tr" }, default));
        Assert.Equal(SaveOutcome.Conflict, await store.SaveAsync(key, here, ConversationState.Empty, UserState.Empty with { Language = "pl" }, default));
        Assert.Equal("tr", (await store.LoadAsync(key, default)).User.Language);
    }

    [Fact]
    public async Task ConcurrentWriters_ExactlyOneWins()
    {
        var store = CreateStore();
        var key = NewKey();
        var loaded = await store.LoadAsync(key, default);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.SaveAsync(key, loaded, ConversationState.Empty with { Stack = [new DialogFrame("d" + i, i)] }, UserState.Empty, default))));
        Assert.Single(outcomes, o => o == SaveOutcome.Saved);
    }

    [Fact]
    public async Task State_ExpiresAfterTheTimeToLive_CountedFromTheLastWrite()
    {
        // Wide margins (a second or more either side) so that a busy two-core CI machine cannot flip the outcome.
        var store = CreateStore(TimeSpan.FromSeconds(4));
        var key = NewKey();
        await store.SaveAsync(key, StateSnapshot.New, ConversationState.Empty with { Welcomed = true }, UserState.Empty, default);
        await PassAsync(TimeSpan.FromSeconds(2.5));
        var loaded = await store.LoadAsync(key, default);
        Assert.True(loaded.Conversation.Welcomed);
        await store.SaveAsync(key, loaded, loaded.Conversation with { Stack = [new DialogFrame("menu", 0)] }, loaded.User, default);
        await PassAsync(TimeSpan.FromSeconds(2.5));
        Assert.True((await store.LoadAsync(key, default)).Conversation.Welcomed, "a write slides the time-to-live");
        await PassAsync(TimeSpan.FromSeconds(4.5));
        Assert.False((await store.LoadAsync(key, default)).Conversation.Welcomed, "expired after the time-to-live");
    }
}
