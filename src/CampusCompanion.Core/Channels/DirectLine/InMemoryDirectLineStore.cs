using System.Collections.Concurrent;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Channels.DirectLine;

/// <summary>The embedded default for a single node. Conversations idle for longer than the state's time-to-live
/// are forgotten, like everything else personal.</summary>
public sealed class InMemoryDirectLineStore(TimeProvider clock, IOptions<StateOptions> options, InMemoryPersonalDataIndex? index = null) : IDirectLineStore
{
    /// <summary>A chat is short; a log this long is a runaway client, and memory is bounded.</summary>
    public const int MaxActivitiesPerConversation = 10_000;

    private sealed class Log(DirectLineConversation conversation)
    {
        public DirectLineConversation Conversation { get; } = conversation;
        public readonly List<Activity> Activities = [];

        /// <summary>Activities erased for privacy leave their numbers behind, so ids never repeat.</summary>
        public long Erased;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DateTimeOffset LastUsed;
    }

    private readonly ConcurrentDictionary<string, Log> _logs = new(StringComparer.Ordinal);
    private long _starts;

    public Task<bool> StartAsync(string conversationId, string userId, CancellationToken ct)
    {
        var started = false;
        var log = _logs.GetOrAdd(conversationId, id =>
        {
            started = true;
            return new Log(new DirectLineConversation(id, userId, clock.GetUtcNow()))
            {
                LastUsed = clock.GetUtcNow(),
                Erased = _erasedNumbers.TryRemove(id, out var erased) ? erased : 0,
            };
        });
        if (started)
        {
            index?.Add(DirectLineChannel, userId, "directline:" + conversationId, () => EraseLog(conversationId));
            if (Interlocked.Increment(ref _starts) % 1024 == 0) RemoveIdle();
        }
        return Task.FromResult(started);
    }

    /// <summary>The conversation disappears, but its numbering is remembered so a restarted log never reuses an id.</summary>
    private void EraseLog(string conversationId)
    {
        if (!_logs.TryRemove(conversationId, out var log)) return;
        lock (log) _erasedNumbers[conversationId] = log.Erased + log.Activities.Count;
        log.Changed.TrySetResult();
    }

    private readonly ConcurrentDictionary<string, long> _erasedNumbers = new(StringComparer.Ordinal);

    public const string DirectLineChannel = "directline";

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken ct) =>
        Task.FromResult(_logs.TryGetValue(conversationId, out var log) && !IsIdle(log) ? log.Conversation : null);

    public Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        var log = _logs.TryGetValue(conversationId, out var found) ? found : throw new KeyNotFoundException("No such Direct Line conversation.");
        var stamped = new Activity[activities.Count];
        TaskCompletionSource changed;
        lock (log)
        {
            if (log.Activities.Count + activities.Count > MaxActivitiesPerConversation)
                throw new InvalidOperationException("This conversation has reached its maximum length.");
            var now = clock.GetUtcNow();
            for (var i = 0; i < activities.Count; i++)
            {
                stamped[i] = activities[i] with { Id = DirectLineIds.ActivityId(conversationId, log.Erased + log.Activities.Count + 1), Timestamp = now };
                log.Activities.Add(stamped[i]);
            }
            log.LastUsed = now;
            changed = log.Changed;
            log.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        return Task.FromResult<IReadOnlyList<Activity>>(stamped);
    }

    public Task<ActivityPage> ReadAsync(string conversationId, long afterWatermark, CancellationToken ct)
    {
        if (!_logs.TryGetValue(conversationId, out var log)) return Task.FromResult(new ActivityPage([], afterWatermark));
        lock (log)
        {
            var last = log.Erased + log.Activities.Count;
            var from = (int)Math.Clamp(afterWatermark - log.Erased, 0, log.Activities.Count);
            var page = log.Activities.GetRange(from, log.Activities.Count - from);
            return Task.FromResult(new ActivityPage(page, Math.Max(afterWatermark, last)));
        }
    }

    public async Task WaitForActivitiesAsync(string conversationId, long afterWatermark, TimeSpan timeout, CancellationToken ct)
    {
        if (!_logs.TryGetValue(conversationId, out var log)) return;
        Task changed;
        lock (log)
        {
            if (log.Erased + log.Activities.Count > afterWatermark) return;
            changed = log.Changed.Task;
        }
        try
        {
            await changed.WaitAsync(timeout, clock, ct);
        }
        catch (TimeoutException)
        {
            // Nothing new: the caller sends a keep-alive.
        }
    }

    private bool IsIdle(Log log) => clock.GetUtcNow() - log.LastUsed > options.Value.TimeToLive;

    private void RemoveIdle()
    {
        foreach (var (id, log) in _logs)
        {
            if (IsIdle(log)) _logs.TryRemove(id, out _);
        }
    }
}
