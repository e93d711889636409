using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Web.DirectLine;

/// <summary>Between the Direct Line log and the bot: a client's activity is stamped and echoed into the log (so
/// Web Chat marks it sent), the turn runs, and the bot's replies follow it into the log.</summary>
public sealed partial class DirectLineBridge(IDirectLineStore store, TurnProcessor processor, LocaleCatalog locales,
    IOptions<DirectLineOptions> options, ILogger<DirectLineBridge> logger)
{
    public const string ChannelId = "directline";

    public ChannelAccount Bot => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = "bot" };

    /// <summary>Appends the user's activity and runs the turn; returns the id the echo carries.</summary>
    public async Task<string> PostAsync(string conversationId, string userId, Activity posted, string serviceUrl, CancellationToken ct)
    {
        var inbound = posted with
        {
            Id = null,
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount { Id = conversationId },
            // The token decides who the user is, whatever the client claims.
            From = new ChannelAccount { Id = userId, Name = posted.From?.Name, Role = "user" },
            Recipient = Bot,
        };
        var echo = (await store.AppendAsync(conversationId, [inbound], ct))[0];
        if (echo.Type is ActivityTypes.Message or ActivityTypes.Event) await RunTurnAsync(conversationId, echo, ct);
        return echo.Id!;
    }

    private async Task RunTurnAsync(string conversationId, Activity echo, CancellationToken ct)
    {
        IReadOnlyList<Activity> replies;
        try
        {
            var turn = processor.ProcessAsync(echo, ct);
            if (echo.Type == ActivityTypes.Message && !turn.IsCompleted)
            {
                // Most turns take microseconds; the user sees "typing" only when the bot really needs a moment.
                try { await turn.WaitAsync(options.Value.TypingAfter, ct); }
                catch (TimeoutException) { await store.AppendAsync(conversationId, [echo.CreateReply(ActivityTypes.Typing) with { Locale = null }], ct); }
            }
            var result = await turn;
            replies = result.Activities.ToList();
            // The log of this conversation was erased with everything else; the confirmation starts a new one.
            if (result.ErasedUserData) await store.StartAsync(conversationId, echo.From!.Id!, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StoreUnavailableException)
        {
            // The user's message is in the log; tell them kindly rather than leaving them waiting.
            LogTurnFailed(logger, ex.GetType().Name);
            var culture = locales.Supported(echo.Locale) ?? locales.FallbackLocale;
            replies = [echo.CreateReply() with { Text = locales.Render("common.error", culture), Locale = culture }];
        }
        if (replies.Count > 0) await store.AppendAsync(conversationId, replies, ct);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "A Direct Line turn failed ({ExceptionType}); the user was told")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType);
}
