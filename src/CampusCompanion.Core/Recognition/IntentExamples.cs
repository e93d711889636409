using CampusCompanion.Core.Content;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Recognition;

public sealed record IntentExample(string Culture, string Intent, string Text, SourceLocation Location);

/// <summary>Example utterances per intent per language from <c>locales/&lt;culture&gt;/intents.yaml</c>:
/// adding a language means adding its files.</summary>
public static class IntentExamples
{
    public const string FileName = "intents.yaml";

    public static IReadOnlyList<IntentExample> Load(string localesRoot, List<Diagnostic> diagnostics)
    {
        var examples = new List<IntentExample>();
        if (!Directory.Exists(localesRoot)) return examples;
        foreach (var dir in Directory.EnumerateDirectories(localesRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, FileName);
            if (!File.Exists(file)) continue;
            var culture = Path.GetFileName(dir);
            var display = YamlSource.Display(localesRoot, file);
            if (YamlSource.Load(file, display, diagnostics, "CC2201") is not YamlMappingNode map) continue;
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var intent = ((YamlScalarNode)keyNode).Value!;
                if (!IntentLabels.IsKnown(intent))
                {
                    diagnostics.Add(new Diagnostic("CC2202", Severity.Error, keyNode.At(display), $"'{intent}' is not an intent label (see intents.md)"));
                    continue;
                }
                if (valueNode is not YamlSequenceNode items)
                {
                    diagnostics.Add(new Diagnostic("CC2202", Severity.Error, keyNode.At(display), $"'{intent}' must be a list of example sentences"));
                    continue;
                }
                foreach (var item in items)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } text }) examples.Add(new IntentExample(culture, intent, text, item.At(display)));
                    else diagnostics.Add(new Diagnostic("CC2202", Severity.Error, item.At(display), "each example is one sentence"));
                }
            }
        }
        return examples;
    }
}

/// <summary>Recognises a message that is (after folding) one of the example sentences. A safe, exact default;
/// the statistical recognizer replaces it where it is registered.</summary>
public sealed class ExampleIntentRecognizer : IIntentRecognizer
{
    private readonly Dictionary<string, string> _intentByText = new(StringComparer.Ordinal);

    public ExampleIntentRecognizer(IEnumerable<IntentExample> examples)
    {
        foreach (var example in examples) _intentByText.TryAdd(TextNormalizer.Fold(example.Text), example.Intent);
    }

    public IntentResult Recognize(string text, string culture) =>
        _intentByText.TryGetValue(TextNormalizer.Fold(text), out var intent)
            ? new IntentResult(intent, 1.0, [new IntentScore(intent, 1.0)])
            : IntentResult.Unknown;
}
