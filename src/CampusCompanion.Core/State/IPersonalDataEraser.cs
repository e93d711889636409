namespace CampusCompanion.Core.State;

/// <summary>Erases, in one step, everything stored about one user in every store: user and conversation state,
/// Direct Line logs, and whatever later features keep. Stores add each item they write for a user to a per-user
/// index, so erasing needs no key scan.</summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(string channelId, string userId, CancellationToken ct);
}

/// <summary>The in-memory per-user index: for each user, how to delete each item stored about them.</summary>
public sealed class InMemoryPersonalDataIndex
{
    private readonly Dictionary<string, Dictionary<string, Action>> _byUser = new(StringComparer.Ordinal);

    public void Add(string channelId, string userId, string item, Action erase)
    {
        lock (_byUser)
        {
            var user = channelId + "\n" + userId;
            if (!_byUser.TryGetValue(user, out var items)) _byUser[user] = items = new(StringComparer.Ordinal);
            items.TryAdd(item, erase);
        }
    }

    public void Erase(string channelId, string userId)
    {
        Dictionary<string, Action>? items;
        lock (_byUser) _byUser.Remove(channelId + "\n" + userId, out items);
        foreach (var erase in items?.Values ?? Enumerable.Empty<Action>()) erase();
    }
}

public sealed class InMemoryPersonalDataEraser(InMemoryPersonalDataIndex index) : IPersonalDataEraser
{
    public Task EraseAsync(string channelId, string userId, CancellationToken ct)
    {
        index.Erase(channelId, userId);
        return Task.CompletedTask;
    }
}
