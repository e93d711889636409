using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.Safety;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Turns;

/// <summary>Runs on every message, in every dialog state, before anything else acts on it: a danger signal —
/// the counsellors' lexicon, or the classifier sure this is a crisis — interrupts whatever is going on with the
/// crisis route. It logs that it fired, never what was said.</summary>
public sealed partial class SafetyScreenStep(CrisisLexicon lexicon, IIntentRecognizer recognizer, IOptions<RecognitionOptions> options,
    ILogger<SafetyScreenStep> logger) : ITurnStep
{
    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        if (turn.IsMessage && turn.Text.Length > 0)
        {
            // Recognised once here; the recognise step reuses it.
            turn.Intent = recognizer.Recognize(turn.Text, turn.Culture);
            if (lexicon.Screen(turn.Text, turn.Intent, options.Value.CrisisAbove) is { } source)
            {
                turn.Interruption = new Interruption(InterruptionKind.Crisis, "crisis");
                LogCrisisSignal(logger, source == CrisisSource.Lexicon ? "lexicon" : "classifier", turn.Culture);
            }
        }
        return next(turn, ct);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Crisis signal ({Source}); answering with the crisis route in {Culture}")]
    private static partial void LogCrisisSignal(ILogger logger, string source, string culture);
}
