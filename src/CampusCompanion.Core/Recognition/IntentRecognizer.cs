namespace CampusCompanion.Core.Recognition;

public sealed record IntentScore(string Intent, double Score);

/// <summary>What the recognizer made of a message: the best intent, its confidence and the runners-up.</summary>
public sealed record IntentResult(string Intent, double Score, IReadOnlyList<IntentScore> Alternatives)
{
    public const string None = "none";
    public static IntentResult Unknown { get; } = new(None, 0, []);
}

public interface IIntentRecognizer
{
    IntentResult Recognize(string text, string culture);
}
