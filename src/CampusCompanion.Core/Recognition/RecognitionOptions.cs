namespace CampusCompanion.Core.Recognition;

/// <summary>How sure the bot must be before it acts on what it understood.</summary>
public sealed class RecognitionOptions
{
    public const string Section = "Recognition";

    /// <summary>At or above this confidence a message goes straight to the intent's dialog.</summary>
    public double RouteAbove { get; set; } = 0.4;

    /// <summary>Between this and <see cref="RouteAbove"/> the bot asks "Did you mean A or B?"; below it, it says
    /// honestly what it can help with and counts the question as unanswered.</summary>
    public double ClarifyAbove { get; set; } = 0.15;

    /// <summary>The crisis classifier fires the crisis route on its own at or above this probability (the lexicon fires always).</summary>
    public double CrisisAbove { get; set; } = 0.8;

    /// <summary>A message in another language leads to "Shall we continue in …?" only when the identifier is this sure
    /// and the message has at least <see cref="LanguageOfferMinWords"/> words (or is in another script).</summary>
    public double LanguageOfferAbove { get; set; } = 0.85;
    public int LanguageOfferMinWords { get; set; } = 3;
}

public sealed record LanguageGuess(string Language, double Score);

/// <summary>Identifies the language of a message; the statistical identifier lives outside the core.</summary>
public interface ILanguageDetector
{
    LanguageGuess? Detect(string text);
}

/// <summary>The core's default: no detection, the user's choice and the channel locale decide.</summary>
public sealed class NoLanguageDetector : ILanguageDetector
{
    public LanguageGuess? Detect(string text) => null;
}
