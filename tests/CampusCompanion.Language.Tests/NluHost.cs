using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Language.Tests;

/// <summary>The core with the statistical recognizer and language identifier, on the shipped content.</summary>
internal static class NluHost
{
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        return new ServiceCollection().AddLogging().AddCampusCompanionCore(configuration).AddCampusCompanionLanguage().BuildServiceProvider();
    }

    public static IReadOnlyList<EvalRow> Rows(string folder) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "nlu", folder), "*.tsv").Order()
            .SelectMany(f => { using var reader = new StreamReader(f); return EvalRow.Read(reader).ToList(); })
            .ToList();
}
