using CampusCompanion.Core.State;

namespace CampusCompanion.Core.Turns;

/// <summary>Saves state once, at the end, with compare-and-set. A turn that changed nothing writes nothing.</summary>
public sealed class SaveStateStep(IConversationStateStore store, IPersonalDataEraser eraser) : ITurnStep
{
    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        await next(turn, ct);
        if (turn.EraseUserData)
        {
            await eraser.EraseAsync(turn.Key.ChannelId, turn.Key.UserId, ct);
            turn.Saved = SaveOutcome.Saved;
            return;
        }
        var unchanged = ReferenceEquals(turn.Conversation, turn.Loaded.Conversation) && ReferenceEquals(turn.User, turn.Loaded.User);
        turn.Saved = unchanged
            ? SaveOutcome.Saved
            : await store.SaveAsync(turn.Key, turn.Loaded, turn.Conversation, turn.User, ct);
    }
}
