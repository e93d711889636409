using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Language;

/// <summary>Intents from free text in any of the languages under locales/ (adding a language = adding its
/// intents.yaml). One model for all languages, so a Dutch school word inside a Turkish sentence still counts.</summary>
public sealed class MlIntentRecognizer : IIntentRecognizer
{
    private readonly TextClassifier? _classifier;
    public MlIntentRecognizer(IEnumerable<IntentExample> examples)
    {
        var samples = examples.Select(e => (e.Text, e.Intent)).ToList();
        // A deployment without example files still runs; it understands buttons and commands only.
        if (samples.Select(s => s.Intent).Distinct().Count() < 2) return;
        _classifier = TrainedModels.GetOrTrain("intent", samples, () => TextClassifier.Train(samples, charGrams: 3, wordGrams: 1, l2: 1e-5f, tfIdf: true, iterations: 20));
    }

    public IntentResult Recognize(string text, string culture)
    {
        if (_classifier is null || TextNormalizer.Fold(text).Length == 0) return IntentResult.Unknown;
        var scores = _classifier.Score(text);
        var ranked = _classifier.Labels.Select((label, i) => new IntentScore(label, scores[i])).OrderByDescending(s => s.Score).ToList();
        return new IntentResult(ranked[0].Intent, ranked[0].Score, ranked.Take(3).ToList());
    }
}
