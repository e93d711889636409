namespace CampusCompanion.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis connection string. Set: all state lives in Redis (and never silently in
    /// memory). Empty: the embedded in-memory stores.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Keys are namespaced <c>cc:{Environment}:…</c>, so several deployments can share one Redis.</summary>
    public string Environment { get; set; } = "prod";

    /// <summary>Secret mixed into the hashes of identifiers in key names, so a key name cannot be matched to a
    /// known Teams or web user id by hashing guesses. Empty: plain SHA-256.</summary>
    public string KeyPepper { get; set; } = "";

    /// <summary>How long a client is told to wait before retrying while Redis is unreachable.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
