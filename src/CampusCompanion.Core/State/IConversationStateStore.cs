namespace CampusCompanion.Core.State;

/// <summary>Identifies the state a turn reads and writes. Raw ids stay inside the store; keys it builds are hashed.</summary>
public readonly record struct StateKey(string ChannelId, string ConversationId, string UserId);

/// <summary>The state a turn started from, with the version tags a compare-and-set write checks.
/// A null tag means the document did not exist.</summary>
public sealed record StateSnapshot(ConversationState Conversation, string? ConversationETag, UserState User, string? UserETag)
{
    public static StateSnapshot New { get; } = new(ConversationState.Empty, null, UserState.Empty, null);
}

public enum SaveOutcome { Saved, Conflict }

/// <summary>State storage shaped for a remote store: one batched read, one atomic compare-and-set write of both
/// documents, a sliding time-to-live. The in-memory store is the embedded default; Redis fits the same contract.</summary>
public interface IConversationStateStore
{
    Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct);

    /// <summary>Writes both documents if neither changed since <paramref name="loaded"/>; otherwise writes nothing and reports a conflict.</summary>
    Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct);
}

public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>Personal data is not kept forever: state expires this long after the user's last turn.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(30);
}
