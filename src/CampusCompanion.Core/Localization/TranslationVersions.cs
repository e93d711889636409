using System.Security.Cryptography;
using System.Text;
using CampusCompanion.Core.Content;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Localization;

/// <summary>Which version of the Dutch source each translation translates. Every culture folder keeps a
/// <c>translation-versions.yaml</c> of <c>key: version</c>, the version being a short hash of the Dutch text the
/// translator worked from. When the Dutch text changes, the hash no longer matches and <c>campus validate</c>
/// lists the translation as stale, so a school knows exactly what to re-translate.</summary>
public static class TranslationVersions
{
    public const string FileName = "translation-versions.yaml";

    /// <summary>Eight hex digits of SHA-256: short enough to read in a diff, and a collision between two
    /// versions of one sentence is not a realistic risk.</summary>
    public static string Of(string sourceText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceText)))[..8];

    /// <summary>A language's own name, direction and aliases are not translations of the Dutch ones.</summary>
    private static bool IsOwn(string key) => key.StartsWith("locale.", StringComparison.Ordinal);

    public sealed record Recorded(string Version, SourceLocation Location);

    public static IReadOnlyDictionary<string, Recorded> Load(string localesRoot, string culture, List<Diagnostic> diagnostics)
    {
        var result = new Dictionary<string, Recorded>(StringComparer.Ordinal);
        var path = Path.Combine(localesRoot, culture, FileName);
        if (!File.Exists(path)) return result;
        var display = YamlSource.Display(localesRoot, path);
        switch (YamlSource.Load(path, display, diagnostics, "CC2002"))
        {
            case null:
                return result;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } v }) result[k] = new Recorded(v, key.At(display));
                    else diagnostics.Add(new Diagnostic("CC2003", Severity.Error, key.At(display), "each line is key: version"));
                }
                return result;
            case var other:
                diagnostics.Add(new Diagnostic("CC2003", Severity.Error, other.At(display), "a translation-versions file is a map of key: version"));
                return result;
        }
    }

    /// <summary>CC2014 for a translation whose Dutch text changed since it was translated, CC2015 for one that
    /// never recorded what it translates. Both are warnings: a stale translation still helps a parent more than none.</summary>
    public static void Check(LocaleCatalog locales, string localesRoot, string sourceCulture, List<Diagnostic> diagnostics)
    {
        var source = locales.StringsOf(sourceCulture);
        foreach (var culture in locales.Cultures.Where(c => !c.Equals(sourceCulture, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var recorded = Load(localesRoot, culture, diagnostics);
            foreach (var (key, translation) in locales.StringsOf(culture).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (IsOwn(key) || !source.TryGetValue(key, out var original)) continue;
                if (!recorded.TryGetValue(key, out var version))
                    diagnostics.Add(new Diagnostic("CC2015", Severity.Warning, translation.Location,
                        $"{culture}: '{key}' does not record which Dutch text it translates; after checking it, run: campus translations stamp {culture} {key}"));
                else if (version.Version != Of(original.Text))
                    diagnostics.Add(new Diagnostic("CC2014", Severity.Warning, translation.Location,
                        $"{culture}: '{key}' is stale: the Dutch text changed since it was translated (now at {original.Location}); re-translate, then run: campus translations stamp {culture} {key}"));
            }
        }
    }

    /// <summary>Records that the given keys (all of the culture's translations when none are given) now translate
    /// the current Dutch text. Returns how many were stamped.</summary>
    public static int Stamp(LocaleCatalog locales, string localesRoot, string sourceCulture, string culture, IReadOnlyCollection<string> keys)
    {
        var source = locales.StringsOf(sourceCulture);
        var translations = locales.StringsOf(culture);
        var versions = Load(localesRoot, culture, []).ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal);
        var stamped = 0;
        foreach (var key in keys.Count == 0 ? translations.Keys : keys)
        {
            if (IsOwn(key) || !translations.ContainsKey(key) || !source.TryGetValue(key, out var original)) continue;
            versions[key] = Of(original.Text);
            stamped++;
        }
        // Keys that no longer exist in either language are dropped, so the file does not rot.
        foreach (var gone in versions.Keys.Where(k => IsOwn(k) || !translations.ContainsKey(k) || !source.ContainsKey(k)).ToList()) versions.Remove(gone);
        var text = new StringBuilder()
            .AppendLine($"# Which Dutch text each {culture} translation translates (a short hash of it). Written by")
            .AppendLine($"# `campus translations stamp {culture}`; `campus validate` lists translations whose Dutch text changed since.");
        foreach (var (key, version) in versions.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(key).Append(": ").AppendLine(version);
        File.WriteAllText(Path.Combine(localesRoot, culture, FileName), text.ToString());
        return stamped;
    }
}
