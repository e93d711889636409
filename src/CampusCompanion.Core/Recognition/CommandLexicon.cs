using CampusCompanion.Core.Localization;

namespace CampusCompanion.Core.Recognition;

/// <summary>Global commands ("menu", "stop", "help", "taal") are words in <c>locales/*: commands.&lt;name&gt;</c>,
/// separated by '|'. A command is the whole message, in any language: a student chatting in Dutch may type "menu" or "help".</summary>
public sealed class CommandLexicon
{
    public const string KeyPrefix = "commands.";

    private readonly Dictionary<string, string> _commandByWords = new(StringComparer.Ordinal);

    public CommandLexicon(LocaleCatalog catalog)
    {
        foreach (var culture in catalog.Cultures)
        {
            foreach (var (key, value) in catalog.StringsOf(culture))
            {
                if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal)) continue;
                var name = key[KeyPrefix.Length..];
                foreach (var word in value.Text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    _commandByWords.TryAdd(TextNormalizer.Fold(word), name);
                }
            }
        }
    }

    public IEnumerable<string> Names => _commandByWords.Values.Distinct();

    public string? Match(string text) => _commandByWords.GetValueOrDefault(TextNormalizer.Fold(text));
}
