using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CampusCompanion.Core.Content;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Localization;

public sealed record LocaleString(string Text, SourceLocation Location)
{
    public IReadOnlySet<string> Placeholders { get; } = LocaleCatalog.PlaceholdersOf(Text);
}

public enum TextDirection { LeftToRight, RightToLeft }

/// <summary>Every user-facing string, by key, per culture, read from <c>locales/&lt;culture&gt;/*.yaml</c>.
/// Nested YAML maps become dotted keys (<c>menu: { welcome: … }</c> → <c>menu.welcome</c>).</summary>
public sealed partial class LocaleCatalog
{
    /// <summary>Files under a culture folder that are language data for the recognizer, not strings.</summary>
    public static readonly IReadOnlySet<string> NonStringFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "intents.yaml", "safety.yaml", TranslationVersions.FileName };

    /// <summary>The key a locale uses to declare its writing direction (Arabic: rtl).</summary>
    public const string DirectionKey = "locale.direction";

    private readonly FrozenDictionary<string, FrozenDictionary<string, LocaleString>> _strings;
    private readonly ConcurrentChainCache _chains;

    public LocaleCatalog(IReadOnlyDictionary<string, IReadOnlyDictionary<string, LocaleString>> strings, string fallbackLocale)
    {
        _strings = strings.ToFrozenDictionary(
            kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        FallbackLocale = fallbackLocale;
        _chains = new ConcurrentChainCache(this);
    }

    public string FallbackLocale { get; }

    public IEnumerable<string> Cultures => _strings.Keys;

    public bool HasCulture(string culture) => _strings.ContainsKey(culture);

    public IReadOnlyDictionary<string, LocaleString> StringsOf(string culture) =>
        _strings.TryGetValue(culture, out var map) ? map : FrozenDictionary<string, LocaleString>.Empty;

    /// <summary>nl-BE → nl → en: the culture itself, its parents, then the fallback locale.</summary>
    public IReadOnlyList<string> FallbackChain(string culture) => _chains.Get(culture);

    public LocaleString? Find(string key, string culture)
    {
        foreach (var candidate in FallbackChain(culture))
        {
            if (_strings.TryGetValue(candidate, out var map) && map.TryGetValue(key, out var value)) return value;
        }
        return null;
    }

    /// <summary>The best culture we have for a requested one ("nl-BE" → "nl"), or null.</summary>
    public string? Supported(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture)) return null;
        var current = culture;
        while (!string.IsNullOrEmpty(current))
        {
            if (_strings.ContainsKey(current)) return _strings.Keys.First(k => k.Equals(current, StringComparison.OrdinalIgnoreCase));
            var dash = current.LastIndexOf('-');
            current = dash < 0 ? null : current[..dash];
        }
        return null;
    }

    public TextDirection Direction(string culture) =>
        Find(DirectionKey, culture)?.Text.Trim().Equals("rtl", StringComparison.OrdinalIgnoreCase) == true
            ? TextDirection.RightToLeft : TextDirection.LeftToRight;

    /// <summary>Renders a key with named placeholders; an unknown key renders as the key itself so it is visible, never blank.</summary>
    public string Render(string key, string culture, Func<string, string?, string?>? values = null)
    {
        var text = Find(key, culture)?.Text ?? key;
        return values is null || text.IndexOf('{') < 0 ? text : Substitute(text, values);
    }

    /// <summary>Fills <c>{name}</c> and <c>{name:format}</c>; the callback gets the name and the format (or null).</summary>
    public static string Substitute(string text, Func<string, string?, string?> values) =>
        Placeholder().Replace(text, m => values(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null) ?? m.Value);

    /// <summary>Each placeholder's name with the formats it is used with in this text.</summary>
    public static IEnumerable<(string Name, string? Format)> PlaceholderUses(string text) =>
        text.IndexOf('{') < 0 ? [] : Placeholder().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null));

    public static IReadOnlySet<string> PlaceholdersOf(string text)
    {
        if (text.IndexOf('{') < 0) return FrozenSet<string>.Empty;
        return Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_.]+)(?::([a-z]+))?\}")]
    private static partial Regex Placeholder();

    public static LocaleCatalog Load(string root, string fallbackLocale, List<Diagnostic> diagnostics)
    {
        var cultures = new Dictionary<string, IReadOnlyDictionary<string, LocaleString>>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(root))
        {
            diagnostics.Add(new Diagnostic("CC2000", Severity.Error, new SourceLocation(root, 1), "the locales folder does not exist"));
            return new LocaleCatalog(cultures, fallbackLocale);
        }

        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var culture = Path.GetFileName(dir);
            if (culture.StartsWith('_')) continue;
            try { _ = CultureInfo.GetCultureInfo(culture); }
            catch (CultureNotFoundException)
            {
                diagnostics.Add(new Diagnostic("CC2001", Severity.Error, new SourceLocation(YamlSource.Display(root, dir), 1), $"'{culture}' is not a culture name (expected e.g. nl, en, tr, ar-MA)"));
                continue;
            }

            var strings = new Dictionary<string, LocaleString>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (NonStringFiles.Contains(Path.GetFileName(file))) continue;
                var display = YamlSource.Display(root, file);
                var node = YamlSource.Load(file, display, diagnostics, "CC2002");
                if (node is null) continue;
                if (node is not YamlMappingNode map)
                {
                    diagnostics.Add(new Diagnostic("CC2003", Severity.Error, node.At(display), "a locale file is a map of keys to texts"));
                    continue;
                }
                Flatten(map, prefix: "", display, strings, diagnostics);
            }
            cultures[culture] = strings;
        }
        return new LocaleCatalog(cultures, fallbackLocale);
    }

    private static void Flatten(YamlMappingNode map, string prefix, string file, Dictionary<string, LocaleString> into, List<Diagnostic> diagnostics)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = prefix + ((YamlScalarNode)keyNode).Value;
            switch (valueNode)
            {
                case YamlMappingNode child:
                    Flatten(child, key + ".", file, into, diagnostics);
                    break;
                case YamlScalarNode scalar:
                    if (!into.TryAdd(key, new LocaleString(scalar.Value ?? "", keyNode.At(file))))
                    {
                        diagnostics.Add(new Diagnostic("CC2004", Severity.Error, keyNode.At(file),
                            $"key '{key}' is defined twice (first at {into[key].Location})"));
                    }
                    break;
                default:
                    diagnostics.Add(new Diagnostic("CC2003", Severity.Error, valueNode.At(file),
                        $"'{key}' must be a text or a map of texts, not a list"));
                    break;
            }
        }
    }

    /// <summary>Fallback chains are asked for on every render; compute each once.</summary>
    private sealed class ConcurrentChainCache(LocaleCatalog catalog)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<string> Get(string culture) => _cache.GetOrAdd(culture, Build);

        private IReadOnlyList<string> Build(string culture)
        {
            var chain = new List<string>();
            var current = culture;
            while (!string.IsNullOrEmpty(current))
            {
                if (catalog._strings.ContainsKey(current) && !chain.Contains(current, StringComparer.OrdinalIgnoreCase)) chain.Add(current);
                var dash = current.LastIndexOf('-');
                current = dash < 0 ? null : current[..dash];
            }
            if (!chain.Contains(catalog.FallbackLocale, StringComparer.OrdinalIgnoreCase)) chain.Add(catalog.FallbackLocale);
            return chain;
        }
    }
}
