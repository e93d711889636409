using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.Safety;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Hosting;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The conversation core: content, the turn pipeline in its fixed order, and the in-memory state store
    /// unless another store was registered first.</summary>
    public static IServiceCollection AddCampusCompanionCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.Section));
        services.AddOptions<StateOptions>().Bind(configuration.GetSection(StateOptions.Section));
        services.AddOptions<RecognitionOptions>().Bind(configuration.GetSection(RecognitionOptions.Section));
        services.TryAddSingleton<ILanguageDetector, NoLanguageDetector>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => BotContent.LoadOrThrow(sp.GetRequiredService<IOptions<ContentOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<BotContent>().Locales);
        services.TryAddSingleton(sp => sp.GetRequiredService<BotContent>().Profile);
        services.TryAddSingleton(sp => sp.GetRequiredService<BotContent>().CrisisLexicon);
        services.TryAddSingleton(sp => sp.GetRequiredService<BotContent>().Commands);
        services.TryAddSingleton<IIntentRecognizer>(sp => new ExampleIntentRecognizer(sp.GetRequiredService<BotContent>().IntentExamples));
        services.TryAddSingleton<IStringLocalizerFactory, CatalogStringLocalizerFactory>();
        services.TryAddSingleton<InMemoryPersonalDataIndex>();
        services.TryAddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
        services.TryAddSingleton<IPersonalDataEraser, InMemoryPersonalDataEraser>();
        services.TryAddSingleton<IDirectLineStore, InMemoryDirectLineStore>();
        services.TryAddSingleton<DialogRuntime>();
        services.TryAddSingleton<ConversationGate>();

        services.TryAddSingleton<NormalizeStep>();
        services.TryAddSingleton<LanguageStep>();
        services.TryAddSingleton<SafetyScreenStep>();
        services.TryAddSingleton<RecognizeStep>();
        services.TryAddSingleton<DialogRuntimeStep>();
        services.TryAddSingleton<SaveStateStep>();
        services.TryAddSingleton(sp => new TurnPipeline(
        [
            sp.GetRequiredService<NormalizeStep>(),
            sp.GetRequiredService<LanguageStep>(),
            sp.GetRequiredService<SafetyScreenStep>(),
            // handoff relay slot: a buddy holding the chat takes the message here
            sp.GetRequiredService<RecognizeStep>(),
            sp.GetRequiredService<DialogRuntimeStep>(),
            // insights slot: anonymised trend events are recorded here
            sp.GetRequiredService<SaveStateStep>(),
        ]));
        services.TryAddSingleton<TurnProcessor>();
        return services;
    }
}
