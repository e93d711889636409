using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Core.Channels.DirectLine;

/// <summary>A Direct Line conversation: who it belongs to and when it started.</summary>
public sealed record DirectLineConversation(string Id, string UserId, DateTimeOffset StartedAt);

/// <summary>The activities after a watermark, and the watermark to ask from next time.</summary>
public sealed record ActivityPage(IReadOnlyList<Activity> Activities, long Watermark);

/// <summary>Each Direct Line conversation is an append-only log: ids and watermarks are the position in the log,
/// so they are stable and monotonic, and a client that comes back with watermark W gets exactly what follows W.
/// Shaped for a shared store (Redis streams and pub/sub) so any node can serve any request.</summary>
public interface IDirectLineStore
{
    /// <summary>Starts the conversation if it does not exist yet; true when this call started it.</summary>
    Task<bool> StartAsync(string conversationId, string userId, CancellationToken ct);

    Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken ct);

    /// <summary>Appends activities in order, giving each its id (<c>{conversationId}|0000042</c>) and timestamp.
    /// A turn's replies go in one call, so a listening client gets them in one activity set.</summary>
    Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct);

    Task<ActivityPage> ReadAsync(string conversationId, long afterWatermark, CancellationToken ct);

    /// <summary>Completes when something was appended after <paramref name="afterWatermark"/>, or when the timeout passes.</summary>
    Task WaitForActivitiesAsync(string conversationId, long afterWatermark, TimeSpan timeout, CancellationToken ct);
}

public static class DirectLineIds
{
    public static string ActivityId(string conversationId, long sequence) =>
        $"{conversationId}|{sequence.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Watermarks are opaque strings to clients; ours is the sequence number of the last activity.
    /// Missing, empty or unreadable means "from the start".</summary>
    public static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static string FormatWatermark(long watermark) => watermark.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
