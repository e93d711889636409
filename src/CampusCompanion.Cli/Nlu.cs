using System.Text.Json;
using CampusCompanion.Core.Content;
using CampusCompanion.Language;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Cli;

/// <summary><c>campus nlu recognize</c> and <c>campus nlu eval</c>: the recognizer as the bot uses it, crisis screen included.</summary>
internal static class Nlu
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error,
        Func<IConfiguration, ServiceProvider> services, Func<Dictionary<string, string?>, IConfiguration> configuration)
    {
        using var provider = services(configuration(new Dictionary<string, string?>()));
        Understanding understanding;
        try
        {
            understanding = provider.GetRequiredService<Understanding>();
        }
        catch (ContentValidationException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
        switch (args)
        {
            case ["recognize"]:
                string? line;
                while ((line = await input.ReadLineAsync()) is not null)
                {
                    var tab = line.IndexOf('\t');
                    var (culture, text) = tab >= 0 ? (line[..tab], line[(tab + 1)..]) : ((string?)null, line);
                    var understood = understanding.Understand(text, culture);
                    output.WriteLine(JsonSerializer.Serialize(new RecognizedLine(text, understood.Language, understood.Intent.Intent,
                        Math.Round(understood.Intent.Score, 4),
                        understood.Intent.Alternatives.Skip(1).Select(a => new Alternative(a.Intent, Math.Round(a.Score, 4))).ToList()), NluJson.Default.RecognizedLine));
                }
                return 0;
            case ["eval", var file]:
                if (!File.Exists(file))
                {
                    error.WriteLine($"No such file: {file}");
                    return 2;
                }
                try
                {
                    using var reader = new StreamReader(file);
                    output.Write(NluEvaluation.Evaluate(understanding, EvalRow.Read(reader).ToList()).Format());
                    return 0;
                }
                catch (FormatException ex)
                {
                    error.WriteLine($"{file}: {ex.Message}");
                    return 2;
                }
            default:
                error.WriteLine(CampusCli.Usage);
                return 2;
        }
    }
}

internal sealed record Alternative(string Intent, double Score);

internal sealed record RecognizedLine(string Text, string Language, string Intent, double Score, IReadOnlyList<Alternative> Alternatives);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RecognizedLine))]
internal sealed partial class NluJson : System.Text.Json.Serialization.JsonSerializerContext;
