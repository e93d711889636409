namespace CampusCompanion.Web.DirectLine;

public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>The Direct Line secret for server-to-server token generation. Empty disables tokens/generate.
    /// It never reaches a browser: the widget gets per-visitor tokens from its own rate-limited endpoint.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Key that signs tokens (HS256, at least 32 characters). Nodes behind one load balancer share it.
    /// Empty: derived from <see cref="Secret"/>, or random per process when that is empty too (one node only).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Web Chat refreshes every 15 minutes, so a token must live longer than that.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A stream URL must be used soon after it is handed out.</summary>
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An empty frame on an idle WebSocket keeps proxies from closing it.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A turn that takes longer than this shows the user a typing indicator.</summary>
    public TimeSpan TypingAfter { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>About the real service's limit for one serialised activity.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    public string BotId { get; set; } = "campuscompanion";
    public string BotName { get; set; } = "CampusCompanion";

    /// <summary>Where clients reach this service (for stream URLs behind a proxy); empty: taken from the request.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Widget visitors may ask for this many tokens per minute per address.</summary>
    public int TokensPerMinutePerClient { get; set; } = 10;
}
