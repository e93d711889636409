using CampusCompanion.Core.Content;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Recognition;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Turns;

/// <summary>Chooses the language of the turn: the user's own choice, then the channel's locale, then the default.
/// When a message is clearly in another language, it marks an offer to switch (asked once, never flipped on a word).</summary>
public sealed class LanguageStep(LocaleCatalog locales, IOptions<ContentOptions> content, ILanguageDetector detector,
    IOptions<RecognitionOptions> recognition) : ITurnStep
{
    public const string DeclinedSlot = "language.declined";

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        turn.Culture = locales.Supported(turn.User.Language)
            ?? locales.Supported(turn.Activity.Locale)
            ?? content.Value.DefaultLocale;
        if (turn.IsMessage && turn.Text.Length > 0 && detector.Detect(turn.Text) is { } guess && IsOffer(turn, guess))
            turn.LanguageOffer = locales.Supported(guess.Language);
        return next(turn, ct);
    }

    private bool IsOffer(TurnContext turn, LanguageGuess guess)
    {
        var options = recognition.Value;
        if (locales.Supported(guess.Language) is not { } language) return false;
        if (string.Equals(language, locales.Supported(turn.Culture), StringComparison.OrdinalIgnoreCase)) return false;
        if (turn.User.Memory.TryGetValue(DeclinedSlot, out var declined) && declined.Value.Split(',').Contains(language)) return false;
        var words = TextNormalizer.Words(TextNormalizer.Fold(turn.Text)).Length;
        return guess.Score >= 1.0 || (guess.Score >= options.LanguageOfferAbove && words >= options.LanguageOfferMinWords);
    }
}
