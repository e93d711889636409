using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampusCompanion.Core.Tests;

public sealed class TurnProcessorTests
{
    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message, Id = Guid.NewGuid().ToString("N"), Text = text, ChannelId = "test", Locale = "nl",
        Conversation = new() { Id = "c-" + text.Length }, From = new() { Id = "u1" }, Recipient = new() { Id = "bot" },
    };

    [Fact]
    public async Task AConflictedTurn_IsRunOnceMoreOnFreshState()
    {
        var store = new FlakyStore(conflicts: 1);
        using var services = TestHost.Build(s => s.AddSingleton<IConversationStateStore>(store));
        var result = await TestHost.Processor(services).ProcessAsync(Message("hoi"), default);
        Assert.Equal(2, store.Loads);
        Assert.Equal(["welcome.hello", "welcome.disclosure", "menu.who.prompt"], result.Replies.Select(r => r.Key));
    }

    [Fact]
    public async Task TwoConflicts_TellTheUserPolitely_InsteadOfDroppingTheMessage()
    {
        var store = new FlakyStore(conflicts: 2);
        using var services = TestHost.Build(s => s.AddSingleton<IConversationStateStore>(store));
        var result = await TestHost.Processor(services).ProcessAsync(Message("hoi"), default);
        var reply = Assert.Single(result.Replies);
        Assert.Equal("common.busy", reply.Key);
        Assert.Contains("nog een keer", reply.Activity.Text);
    }

    [Fact]
    public async Task QuickMessagesInOneConversation_AreSerialised_NotConflicting()
    {
        using var services = TestHost.Build();
        var processor = TestHost.Processor(services);
        var conversation = new ConversationAccount { Id = "burst" };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            processor.ProcessAsync(Message("x") with { Conversation = conversation, Text = "hallo " + i }, default)));
        Assert.DoesNotContain(results.SelectMany(r => r.Replies), r => r.Key == "common.busy");
        Assert.Equal(1, results.Count(r => r.Replies.Any(x => x.Key == "welcome.hello")));
    }

    private sealed class FlakyStore(int conflicts) : IConversationStateStore
    {
        private int _conflictsLeft = conflicts;
        public int Loads { get; private set; }

        public Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct)
        {
            Loads++;
            return Task.FromResult(StateSnapshot.New);
        }

        public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct) =>
            Task.FromResult(_conflictsLeft-- > 0 ? SaveOutcome.Conflict : SaveOutcome.Saved);
    }
}
