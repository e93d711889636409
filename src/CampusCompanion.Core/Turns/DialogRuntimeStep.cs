using CampusCompanion.Core.Dialogs;

namespace CampusCompanion.Core.Turns;

public sealed class DialogRuntimeStep(DialogRuntime runtime) : ITurnStep
{
    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        runtime.Handle(turn);
        return next(turn, ct);
    }
}
