using CampusCompanion.Core.Content;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Dialogs;

public enum TranscriptLineKind { User, Bot, Choices, Contains, Welcome }

public sealed record TranscriptLine(TranscriptLineKind Kind, string Value, IReadOnlyList<string> Values, SourceLocation Location);

/// <summary>One transcript test from a <c>dialogs/*.test.yaml</c> file: the user says, the bot answers a key.</summary>
/// <param name="Audience">Who the page says is visiting (<c>student</c>/<c>parent</c>), sent as the widget does in <c>channelData</c>.</param>
public sealed record TranscriptTest(string Name, string Locale, SourceLocation Location, IReadOnlyList<TranscriptLine> Lines, string? Audience = null)
{
    public override string ToString() => $"{Location.File}: {Name} [{Locale}]";
}

/// <summary>Reads transcript tests. Format:
/// <code>
/// tests:
///   - name: four turns with an invalid answer
///     locale: nl
///     script:
///       - user: hoi
///       - bot: welcome.hello
///       - choices: [menu.main.choices.study_choice, ...]   # the last bot reply's choices
///       - contains: "Student Success Centre"              # the last bot reply's text
///       - welcome                                         # the channel adds the bot
/// </code></summary>
public static class TranscriptScript
{
    /// <summary>Transcripts that type free text as people do (not the example sentences word for word) end in this;
    /// they need the trained recognizer, so the Language tests play them and the core's example matcher does not.</summary>
    public const string FreeTextSuffix = ".nlu" + DialogLoader.TestSuffix;

    public static bool IsFreeText(TranscriptTest test) => test.Location.File.EndsWith(FreeTextSuffix, StringComparison.Ordinal);

    public static IReadOnlyList<TranscriptTest> LoadAll(string dialogsRoot, List<Diagnostic> diagnostics)
    {
        var tests = new List<TranscriptTest>();
        if (!Directory.Exists(dialogsRoot)) return tests;
        foreach (var file in Directory.EnumerateFiles(dialogsRoot, "*" + DialogLoader.TestSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var display = YamlSource.Display(dialogsRoot, file);
            var root = YamlSource.Load(file, display, diagnostics, "CC3001");
            if (root is null) continue;
            if (root is not YamlMappingNode map || map.Child("tests") is not YamlSequenceNode list)
            {
                diagnostics.Add(new Diagnostic("CC3002", Severity.Error, root.At(display), "a test file has a 'tests:' list"));
                continue;
            }
            foreach (var node in list)
            {
                if (Read(node, display, diagnostics) is { } test) tests.Add(test);
            }
        }
        return tests;
    }

    private static TranscriptTest? Read(YamlNode node, string file, List<Diagnostic> diagnostics)
    {
        void Error(YamlNode at, string message) => diagnostics.Add(new Diagnostic("CC3002", Severity.Error, at.At(file), message));
        if (node is not YamlMappingNode map || map.Scalar("name") is not { } name || map.Child("script") is not YamlSequenceNode script)
        {
            Error(node, "a test has 'name:', 'locale:' and a 'script:' list");
            return null;
        }
        var lines = new List<TranscriptLine>();
        foreach (var item in script)
        {
            if (item is YamlScalarNode { Value: "welcome" })
            {
                lines.Add(new TranscriptLine(TranscriptLineKind.Welcome, "", [], item.At(file)));
                continue;
            }
            if (item is not YamlMappingNode line || line.Children.Count != 1)
            {
                Error(item, "a script line is one of: user, bot, choices, contains, welcome");
                continue;
            }
            var (keyNode, valueNode) = line.Children.First();
            var kind = ((YamlScalarNode)keyNode).Value switch
            {
                "user" => TranscriptLineKind.User,
                "bot" => TranscriptLineKind.Bot,
                "choices" => TranscriptLineKind.Choices,
                "contains" => TranscriptLineKind.Contains,
                _ => (TranscriptLineKind?)null,
            };
            if (kind is null)
            {
                Error(keyNode, $"unknown script line '{((YamlScalarNode)keyNode).Value}' (user, bot, choices, contains, welcome)");
                continue;
            }
            if (kind == TranscriptLineKind.Choices)
            {
                if (valueNode is YamlSequenceNode values)
                    lines.Add(new TranscriptLine(kind.Value, "", values.OfType<YamlScalarNode>().Select(v => v.Value ?? "").ToList(), item.At(file)));
                else Error(valueNode, "choices is a list of choice keys");
                continue;
            }
            if (valueNode is not YamlScalarNode { Value: { } value })
            {
                Error(valueNode, "this line needs a text");
                continue;
            }
            lines.Add(new TranscriptLine(kind.Value, value, [], item.At(file)));
        }
        var audience = map.Scalar("audience");
        if (audience is not null && !Audiences.IsKnown(audience)) Error(map.Child("audience")!, $"audience '{audience}' is not one of: {Audiences.Student}, {Audiences.Parent}");
        return new TranscriptTest(name, map.Scalar("locale") ?? "nl", map.At(file), lines, Audiences.IsKnown(audience) ? audience : null);
    }

    /// <summary>Transcripts must only expect keys that exist, so a renamed key fails validation, not just a test run.</summary>
    public static void Validate(string dialogsRoot, BotContent content, IReadOnlySet<string> knownKeys, List<Diagnostic> diagnostics)
    {
        foreach (var test in LoadAll(dialogsRoot, diagnostics))
        {
            if (!content.Locales.HasCulture(test.Locale))
                diagnostics.Add(new Diagnostic("CC3003", Severity.Error, test.Location, $"test '{test.Name}' uses locale '{test.Locale}', which has no folder under locales/"));
            foreach (var line in test.Lines)
            {
                var keys = line.Kind switch
                {
                    TranscriptLineKind.Bot => [line.Value],
                    TranscriptLineKind.Choices => line.Values,
                    _ => (IReadOnlyList<string>)[],
                };
                foreach (var key in keys.Where(k => !knownKeys.Contains(k)))
                    diagnostics.Add(new Diagnostic("CC3004", Severity.Error, line.Location, $"expects key '{key}', which no dialog or code says"));
            }
        }
    }
}
