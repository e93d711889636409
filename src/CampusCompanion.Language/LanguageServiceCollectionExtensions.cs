using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampusCompanion.Language;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>The statistical recognizer and the language identifier, trained once at start-up from locales/.</summary>
    public static IServiceCollection AddCampusCompanionLanguage(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IIntentRecognizer>(sp => new MlIntentRecognizer(sp.GetRequiredService<BotContent>().IntentExamples)));
        services.TryAddSingleton(sp => new LanguageIdentifier(sp.GetRequiredService<BotContent>()));
        services.Replace(ServiceDescriptor.Singleton<ILanguageDetector>(sp => sp.GetRequiredService<LanguageIdentifier>()));
        services.TryAddSingleton<Understanding>();
        return services;
    }
}
