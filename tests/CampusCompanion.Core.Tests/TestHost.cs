using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Core.Tests;

/// <summary>The real core composition on the real content (linked into the test output from the repository root),
/// with only infrastructure swapped.</summary>
internal static class TestHost
{
    public static ServiceProvider Build(Action<IServiceCollection>? swap = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging();
        swap?.Invoke(services);
        services.AddCampusCompanionCore(configuration);
        return services.BuildServiceProvider();
    }

    public static TurnProcessor Processor(ServiceProvider services) => services.GetRequiredService<TurnProcessor>();

    public static IConversationStateStore Store(ServiceProvider services) => services.GetRequiredService<IConversationStateStore>();
}
