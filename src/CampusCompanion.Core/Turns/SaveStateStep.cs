using CampusCompanion.Core.State;

namespace CampusCompanion.Core.Turns;

/// <summary>Saves state once, at the end, with compare-and-set. A turn that changed nothing writes nothing.</summary>
public sealed class SaveStateStep(IConversationStateStore store) : ITurnStep
{
    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        await next(turn, ct);
        var unchanged = ReferenceEquals(turn.Conversation, turn.Loaded.Conversation) && ReferenceEquals(turn.User, turn.Loaded.User);
        turn.Saved = unchanged
            ? SaveOutcome.Saved
            : await store.SaveAsync(turn.Key, turn.Loaded, turn.Conversation, turn.User, ct);
    }
}
