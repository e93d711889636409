using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Language;

/// <summary>Which language a message is in: a character n-gram model trained on everything written per culture
/// under locales/ (example utterances and the bot's own texts). The script decides where it can: Arabic letters
/// are Arabic, Cyrillic is Ukrainian here.</summary>
public sealed class LanguageIdentifier : ILanguageDetector
{
    /// <summary>Character 1–4-grams and words; telling six languages apart needs fewer passes than telling intents apart.</summary>
    internal static readonly NgramShape Shape = new(1, 4, 1);

    private readonly TextClassifier _classifier;
    private readonly HashSet<string> _cultures;

    public LanguageIdentifier(BotContent content)
    {
        var samples = new List<(string Text, string Label)>();
        foreach (var example in content.IntentExamples) samples.Add((example.Text, Neutral(example.Culture)));
        foreach (var culture in content.Locales.Cultures)
        {
            foreach (var (key, value) in content.Locales.StringsOf(culture))
            {
                // Command words and language names are the same in many languages; they would only confuse.
                if (key.StartsWith("commands.", StringComparison.Ordinal) || key.StartsWith("locale.", StringComparison.Ordinal) || key.Contains(".choices.")) continue;
                samples.Add((value.Text, Neutral(culture)));
            }
        }
        _cultures = samples.Select(s => s.Label).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _classifier = TrainedModels.GetOrTrain("language", samples, () => TextClassifier.Train(samples, Shape, epochs: 4));
    }

    public IReadOnlyCollection<string> Languages => _cultures;

    public LanguageGuess? Detect(string text) => Identify(text);

    public LanguageGuess Identify(string text)
    {
        var script = ScriptOf(text);
        if (script is { } s && _cultures.Contains(s)) return new LanguageGuess(s, 1.0);
        var scores = _classifier.Score(text);
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return new LanguageGuess(_classifier.Labels[best], scores[best]);
    }

    private static string Neutral(string culture) => culture.Split('-')[0].ToLowerInvariant();

    /// <summary>Arabic or Cyrillic letters settle the question when they are most of the letters.</summary>
    private static string? ScriptOf(string text)
    {
        int arabic = 0, cyrillic = 0, letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F') arabic++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
        }
        if (letters == 0) return null;
        if (arabic * 2 > letters) return "ar";
        if (cyrillic * 2 > letters) return "uk";
        return null;
    }
}
