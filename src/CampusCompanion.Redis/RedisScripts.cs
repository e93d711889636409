namespace CampusCompanion.Redis;

/// <summary>The Lua scripts, embedded in the assembly. StackExchange.Redis sends each by its hash (EVALSHA) once
/// the server knows it, and re-sends the text after a server restart.</summary>
internal static class RedisScripts
{
    public static readonly string SaveState = Load("save-state.lua");
    public static readonly string StartConversation = Load("start-conversation.lua");
    public static readonly string AppendActivities = Load("append-activities.lua");
    public static readonly string EraseUser = Load("erase-user.lua");

    private static string Load(string name)
    {
        using var stream = typeof(RedisScripts).Assembly.GetManifestResourceStream($"CampusCompanion.Redis.Scripts.{name}")
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
