using CampusCompanion.Core.Content;
using CampusCompanion.Core.Localization;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Turns;

/// <summary>Chooses the language of the turn: the user's own choice, then the channel's locale, then the default.</summary>
public sealed class LanguageStep(LocaleCatalog locales, IOptions<ContentOptions> options) : ITurnStep
{
    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        turn.Culture = locales.Supported(turn.User.Language)
            ?? locales.Supported(turn.Activity.Locale)
            ?? options.Value.DefaultLocale;
        return next(turn, ct);
    }
}
