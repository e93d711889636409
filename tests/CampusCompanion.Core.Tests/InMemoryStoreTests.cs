using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.State;

namespace CampusCompanion.Core.Tests;

public sealed class InMemoryConversationStateStoreTests : StateStoreContract
{
    private readonly ManualClock _clock = new();

    protected override IConversationStateStore CreateStore(TimeSpan timeToLive) =>
        new InMemoryConversationStateStore(Microsoft.Extensions.Options.Options.Create(new StateOptions { TimeToLive = timeToLive }), _clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryDirectLineStoreTests : DirectLineStoreContract
{
    private readonly InMemoryPersonalDataIndex _index = new();

    protected override IDirectLineStore CreateStore() =>
        new InMemoryDirectLineStore(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new StateOptions()), _index);

    protected override Task EraseUserAsync(string userId) => new InMemoryPersonalDataEraser(_index).EraseAsync("directline", userId, default);
}

/// <summary>A clock the test moves by hand: no sleeping in tests.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
