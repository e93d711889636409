using CampusCompanion.Core.Safety;
using Microsoft.Extensions.Logging;

namespace CampusCompanion.Core.Turns;

/// <summary>Runs on every message, in every dialog state, before anything else understands it: a danger signal
/// interrupts whatever is going on with the crisis route. It logs that it fired, never what was said.</summary>
public sealed partial class SafetyScreenStep(CrisisLexicon lexicon, ILogger<SafetyScreenStep> logger) : ITurnStep
{
    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        if (turn.IsMessage && turn.Text.Length > 0 && lexicon.Match(turn.Text) is { } culture)
        {
            turn.Interruption = new Interruption(InterruptionKind.Crisis, "crisis");
            LogCrisisSignal(logger, culture, turn.Culture);
        }
        return next(turn, ct);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Crisis signal ({SignalLanguage} lexicon); answering with the crisis route in {Culture}")]
    private static partial void LogCrisisSignal(ILogger logger, string signalLanguage, string culture);
}
