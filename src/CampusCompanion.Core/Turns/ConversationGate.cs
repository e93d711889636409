namespace CampusCompanion.Core.Turns;

/// <summary>Serialises turns of one conversation within this process, so a quick double message waits its turn
/// instead of conflicting (compare-and-set still guards against other nodes).</summary>
public sealed class ConversationGate
{
    private sealed class Slot
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async ValueTask<IDisposable> EnterAsync(string conversation, CancellationToken ct)
    {
        Slot slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(conversation, out slot!)) _slots[conversation] = slot = new Slot();
            slot.Users++;
        }
        try
        {
            await slot.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Release(conversation, slot, entered: false);
            throw;
        }
        return new Lease(this, conversation, slot);
    }

    private void Release(string conversation, Slot slot, bool entered)
    {
        if (entered) slot.Semaphore.Release();
        lock (_slots)
        {
            if (--slot.Users == 0) _slots.Remove(conversation);
        }
    }

    private sealed class Lease(ConversationGate gate, string conversation, Slot slot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Release(conversation, slot, entered: true);
        }
    }
}
