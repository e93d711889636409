namespace CampusCompanion.Core.Content;

/// <summary>Facts that differ per school (name, contacts, hours, booking links) come from configuration,
/// never from dialog or locale text. Locale strings use them as placeholders: <c>{school.name}</c>.</summary>
public sealed class SchoolProfile(IReadOnlyDictionary<string, string> values)
{
    public const string Prefix = "school.";
    public const string Section = "School";

    /// <summary><c>School:ssc:contact</c> in configuration is <c>{school.ssc.contact}</c> in a locale string.</summary>
    public static SchoolProfile FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration section) => new(
        Microsoft.Extensions.Configuration.ConfigurationExtensions.AsEnumerable(section, makePathsRelative: true)
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key.Replace(':', '.').ToLowerInvariant(), kv => kv.Value!, StringComparer.Ordinal));

    public static SchoolProfile Empty { get; } = new(new Dictionary<string, string>());

    public string? Find(string placeholder) =>
        placeholder.StartsWith(Prefix, StringComparison.Ordinal) && values.TryGetValue(placeholder[Prefix.Length..], out var value) ? value : null;

    public IEnumerable<string> Placeholders => values.Keys.Select(k => Prefix + k);
}
