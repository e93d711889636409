using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.Safety;

namespace CampusCompanion.Language;

/// <summary>What the bot makes of one message, all at once.</summary>
public sealed record Understood(string Text, string Language, double LanguageScore, IntentResult Intent, bool Crisis);

/// <summary>Language, intent and the crisis screen over one message, in the order the turn pipeline uses them:
/// the crisis screen first and it wins — a lexicon hit, or the classifier sure that this is a crisis.</summary>
public sealed class Understanding(BotContent content, IIntentRecognizer recognizer, LanguageIdentifier languages, CrisisLexicon lexicon,
    Microsoft.Extensions.Options.IOptions<RecognitionOptions> options)
{
    public Understood Understand(string text, string? culture = null)
    {
        var language = languages.Identify(text);
        var intent = recognizer.Recognize(text, culture ?? language.Language);
        var crisis = IsCrisis(text, intent);
        // The crisis screen decides about crisis, in both directions.
        if (crisis && intent.Intent != "crisis") intent = intent with { Intent = "crisis" };
        else if (!crisis && intent.Intent == "crisis" && intent.Alternatives.FirstOrDefault(a => a.Intent != "crisis") is { } next)
            intent = intent with { Intent = next.Intent, Score = next.Score };
        return new Understood(text, language.Language, language.Score, intent, crisis);
    }

    public bool IsCrisis(string text, IntentResult intent) =>
        lexicon.Screen(text, intent, options.Value.CrisisAbove) is not null;

    public BotContent Content => content;
}
