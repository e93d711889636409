using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Logging;

namespace CampusCompanion.Core.Turns;

/// <summary>What a turn produced: the replies, sent only after the state they lead to was saved.</summary>
public sealed record TurnResult(IReadOnlyList<BotReply> Replies, bool ErasedUserData = false)
{
    public IEnumerable<Activity> Activities => Replies.Select(r => r.Activity);
}

/// <summary>A turn is a function of (activity, stored state): load once, run the pipeline, save once.
/// A compare-and-set conflict re-runs the turn once on fresh state; after a second conflict the user hears
/// politely that the message did not get through, so nothing is silently lost.</summary>
public sealed partial class TurnProcessor(TurnPipeline pipeline, IConversationStateStore store, ConversationGate gate,
    LocaleCatalog locales, ILogger<TurnProcessor> logger)
{
    public const string BusyKey = "common.busy";

    public async Task<TurnResult> ProcessAsync(Activity activity, CancellationToken ct)
    {
        var key = KeyOf(activity);
        using var lease = await gate.EnterAsync(key.ChannelId + "\n" + key.ConversationId, ct);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var loaded = await store.LoadAsync(key, ct);
            var turn = new TurnContext(activity, key, loaded);
            await pipeline.RunAsync(turn, ct);
            if (turn.Saved != SaveOutcome.Conflict) return new TurnResult(turn.Replies, turn.EraseUserData);
            LogConflict(logger, attempt);
        }
        var culture = locales.Supported(activity.Locale) ?? locales.FallbackLocale;
        var busy = activity.CreateReply() with { Text = locales.Render(BusyKey, culture), Locale = culture };
        return new TurnResult([new BotReply(BusyKey, busy, [])]);
    }

    public static StateKey KeyOf(Activity activity) => new(
        activity.ChannelId ?? "unknown",
        activity.Conversation?.Id ?? throw new ArgumentException("An activity needs conversation.id", nameof(activity)),
        activity.From?.Id ?? "anonymous");

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "State changed under turn (attempt {Attempt}); re-running on fresh state")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
