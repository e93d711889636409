namespace CampusCompanion.Web.Messages;

public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Microsoft app id. Empty means development mode: only loopback callers are accepted.</summary>
    public string AppId { get; set; } = "";

    /// <summary>Activities are small; a bigger body is a mistake or an attack (the Direct Line limit is about 256K).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
