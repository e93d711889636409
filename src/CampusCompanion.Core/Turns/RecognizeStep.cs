using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Core.Turns;

/// <summary>Understands the message: a global command ("menu", "stop", "help", "taal") interrupts any dialog;
/// otherwise the intent recognizer labels it (the dialog runtime decides whether a waiting dialog's answer wins).</summary>
public sealed class RecognizeStep(CommandLexicon commands, IIntentRecognizer recognizer) : ITurnStep
{
    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        if (turn.IsMessage && turn.Interruption is null && turn.Text.Length > 0)
        {
            if (commands.Match(turn.Text) is { } command)
                turn.Interruption = new Interruption(InterruptionKind.Command, command);
            else
                turn.Intent ??= recognizer.Recognize(turn.Text, turn.Culture);
        }
        return next(turn, ct);
    }
}
