using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.State;

namespace CampusCompanion.Core.Turns;

/// <summary>One turn: the inbound activity, the state it started from, what the steps decided, and the replies,
/// which are held back until the state is saved.</summary>
public sealed class TurnContext(Activity activity, StateKey key, StateSnapshot loaded)
{
    public Activity Activity { get; set; } = activity;
    public StateKey Key { get; } = key;
    public StateSnapshot Loaded { get; } = loaded;

    public ConversationState Conversation { get; set; } = loaded.Conversation;
    public UserState User { get; set; } = loaded.User;

    /// <summary>The user's text after normalisation (mentions stripped, whitespace collapsed, length capped).</summary>
    public string Text { get; set; } = "";

    /// <summary>The culture the bot answers in this turn (e.g. "nl", "ar").</summary>
    public string Culture { get; set; } = "nl";

    /// <summary>Set when the turn must interrupt whatever dialog is active (a global command or a safety signal).</summary>
    public Interruption? Interruption { get; set; }

    public IntentResult? Intent { get; set; }

    /// <summary>The message seems to be in this other language; the bot offers to switch instead of flipping.</summary>
    public string? LanguageOffer { get; set; }

    /// <summary>Nothing the bot knows matched: counted for the insights, never with the text.</summary>
    public bool Unanswered { get; set; }

    public List<BotReply> Replies { get; } = [];

    public SaveOutcome? Saved { get; set; }

    /// <summary>The user asked to erase everything stored about them; nothing of this turn is saved either.</summary>
    public bool EraseUserData { get; set; }

    public bool IsMessage => Activity.Type == ActivityTypes.Message;

    public void Send(BotReply reply) => Replies.Add(reply);
}

/// <summary>A reply with the locale key it was rendered from, so transcript tests assert keys, not wording.</summary>
public sealed record BotReply(string Key, Activity Activity, IReadOnlyList<string> ChoiceKeys);

public enum InterruptionKind { Command, Crisis }

public sealed record Interruption(InterruptionKind Kind, string Name);
