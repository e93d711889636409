using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Language;

/// <summary>Intents from free text in any of the languages under locales/ (adding a language = adding its
/// intents.yaml). One model for all languages, so a Dutch school word inside a Turkish sentence still counts.</summary>
public sealed class MlIntentRecognizer : IIntentRecognizer
{
    /// <summary>Character 3–5-grams of each word, words and word pairs: the best of the shapes the bench grid compares.</summary>
    internal static readonly NgramShape Shape = new(3, 5, 2);

    /// <summary>Passes over the examples: past about six the held-out score no longer moves (bench grid).</summary>
    internal const int Epochs = 7;

    /// <summary>Softens the probabilities that the bands of RecognitionOptions compare against. Chosen with the bench
    /// (<c>nlu crisis</c>): at 1 the classifier alone raised crisis alarms on 6 % of ordinary sentences ("kendimi
    /// geliştirmek istiyorum"), at 1.5 on about 1 % while still recognising half of the crisis lines by itself.</summary>
    internal const float Temperature = 1.5f;

    private readonly TextClassifier? _classifier;
    public MlIntentRecognizer(IEnumerable<IntentExample> examples)
    {
        var samples = examples.Select(e => (e.Text, e.Intent)).ToList();
        // A deployment without example files still runs; it understands buttons and commands only.
        if (samples.Select(s => s.Intent).Distinct().Count() < 2) return;
        _classifier = TrainedModels.GetOrTrain("intent", samples, () => TextClassifier.Train(samples, Shape, Epochs));
    }

    public IntentResult Recognize(string text, string culture)
    {
        // A bare "1" or an emoji after a question that is no longer open says nothing about a topic; the
        // n-grams of digits would still pick one ("1" looked like programme_info).
        if (_classifier is null || !TextNormalizer.Fold(text).Any(char.IsLetter)) return IntentResult.Unknown;
        var scores = _classifier.Score(text, Temperature);
        var ranked = _classifier.Labels.Select((label, i) => new IntentScore(label, scores[i])).OrderByDescending(s => s.Score).ToList();
        return new IntentResult(ranked[0].Intent, ranked[0].Score, ranked.Take(3).ToList());
    }
}
