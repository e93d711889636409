using System.Text.Json;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Turns;
using CampusCompanion.Language;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Cli;

/// <summary>Tools for people who edit content: chat with the bot in the terminal, and validate dialogs and locales.</summary>
public static class CampusCli
{
    internal const string Usage = """
        Usage:
          campus chat [--locale nl] [--audience student|parent] [--content DIR]
                                                      chat with the bot in this terminal (type /quit to leave)
          campus validate [--content DIR]             check dialogs/ and locales/; exit code 1 on errors; lists stale translations
          campus translations stamp LANG|all [KEY...] [--content DIR]
                                                      record that LANG's translations (or just KEYs) match today's Dutch text
          campus nlu recognize                        one JSON line per input line (text, or locale<TAB>text)
          campus nlu eval FILE.tsv                    accuracy and macro-F1 per language for locale<TAB>intent<TAB>text
        --content DIR points at a folder that holds dialogs/, locales/ and profile.yaml (default: the ones shipped with the app).
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "nlu") return await Nlu.RunAsync(args.Skip(1).ToArray(), input, output, error, Services, Configuration);
        if (args[0] == "translations") return Translations(args.Skip(1).ToArray(), output, error);
        var options = ParseOptions(args.Skip(1).ToArray(), error);
        if (options is null) return 2;
        return args[0] switch
        {
            "validate" => Validate(options, output, error),
            "chat" => await ChatAsync(options, input, output, error),
            _ => Unknown(args[0], error),
        };
    }

    private static int Unknown(string command, TextWriter error)
    {
        error.WriteLine($"Unknown command '{command}'.");
        error.WriteLine(Usage);
        return 2;
    }

    private static Dictionary<string, string?>? ParseOptions(string[] args, TextWriter error)
    {
        var options = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--locale" or "--content" or "--audience" && i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else
            {
                error.WriteLine($"Unknown option '{args[i]}'.");
                error.WriteLine(Usage);
                return null;
            }
        }
        return options;
    }

    internal static IConfiguration Configuration(Dictionary<string, string?> options)
    {
        var overrides = new Dictionary<string, string?>();
        if (options.GetValueOrDefault("content") is { } root)
        {
            overrides["Content:DialogsPath"] = Path.GetFullPath(Path.Combine(root, "dialogs"));
            overrides["Content:LocalesPath"] = Path.GetFullPath(Path.Combine(root, "locales"));
            if (File.Exists(Path.Combine(root, "profile.yaml"))) overrides["Content:ProfilePath"] = Path.GetFullPath(Path.Combine(root, "profile.yaml"));
        }
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables("CAMPUS_")
            .AddInMemoryCollection(overrides)
            .Build();
    }

    internal static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddLogging().AddCampusCompanionCore(configuration).AddCampusCompanionLanguage().BuildServiceProvider();

    private static int Validate(Dictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        using var services = Services(Configuration(options));
        var contentOptions = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var content = BotContent.Load(contentOptions);
        foreach (var diagnostic in content.Diagnostics.OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line)) (diagnostic.Severity == Severity.Error ? error : output).WriteLine(diagnostic);
        var errors = content.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = content.Diagnostics.Count - errors;
        foreach (var culture in content.Locales.Cultures.Where(c => c != ContentValidator.SourceLocale).Order(StringComparer.Ordinal))
        {
            var stale = content.Diagnostics.Count(d => d.Code == "CC2014" && d.Message.StartsWith(culture + ":", StringComparison.Ordinal));
            var unstamped = content.Diagnostics.Count(d => d.Code == "CC2015" && d.Message.StartsWith(culture + ":", StringComparison.Ordinal));
            output.WriteLine($"translations {culture}: {stale} stale, {unstamped} without a recorded Dutch version");
        }
        output.WriteLine($"{content.Dialogs.Count} dialogs, {content.Locales.Cultures.Count()} locales ({string.Join(", ", content.Locales.Cultures.Order())}): {errors} errors, {warnings} warnings.");
        return errors == 0 ? 0 : 1;
    }

    private static int Translations(string[] args, TextWriter output, TextWriter error)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--content" && i + 1 < args.Length) options["content"] = args[++i];
            else positional.Add(args[i]);
        }
        if (positional.Count < 2 || positional[0] != "stamp")
        {
            error.WriteLine(Usage);
            return 2;
        }
        using var services = Services(Configuration(options));
        var contentOptions = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var content = BotContent.Load(contentOptions);
        var cultures = positional[1] == "all"
            ? content.Locales.Cultures.Where(c => c != ContentValidator.SourceLocale).Order(StringComparer.Ordinal).ToList()
            : [positional[1]];
        foreach (var culture in cultures)
        {
            if (!content.Locales.HasCulture(culture) || culture == ContentValidator.SourceLocale)
            {
                error.WriteLine($"'{culture}' is not a translated locale under {contentOptions.ResolveLocales()}.");
                return 2;
            }
            var count = TranslationVersions.Stamp(content.Locales, contentOptions.ResolveLocales(), ContentValidator.SourceLocale, culture, positional.Skip(2).ToList());
            output.WriteLine($"{culture}: recorded the Dutch version of {count} translations in locales/{culture}/{TranslationVersions.FileName}");
        }
        return 0;
    }

    private static async Task<int> ChatAsync(Dictionary<string, string?> options, TextReader input, TextWriter output, TextWriter error)
    {
        using var services = Services(Configuration(options));
        TurnProcessor processor;
        try
        {
            processor = services.GetRequiredService<TurnProcessor>();
        }
        catch (ContentValidationException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
        var locale = options.GetValueOrDefault("locale") ?? "nl";
        var audience = options.GetValueOrDefault("audience") ?? Audiences.Student;
        if (!Audiences.IsKnown(audience))
        {
            error.WriteLine($"--audience is {Audiences.Student} or {Audiences.Parent}.");
            return 2;
        }
        var conversation = new ConversationAccount { Id = "terminal-" + Guid.NewGuid().ToString("N") };
        var user = new ChannelAccount { Id = "terminal-user", Name = "You", Role = "user" };
        var bot = new ChannelAccount { Id = "campuscompanion", Name = "CampusCompanion", Role = "bot" };
        var sequence = 0;
        Activity Base(string type) => new()
        {
            Type = type, Id = $"cli{++sequence}", ChannelId = "terminal", Conversation = conversation,
            From = user, Recipient = bot, Locale = locale, Timestamp = DateTimeOffset.UtcNow,
            ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["audience"] = audience }),
        };

        Print(await processor.ProcessAsync(Base(ActivityTypes.ConversationUpdate) with { MembersAdded = [bot, user] }, default), output);
        while (true)
        {
            output.Write("> ");
            var line = await input.ReadLineAsync();
            if (line is null || line.Trim() == "/quit") return 0;
            if (line.Trim().Length == 0) continue;
            Print(await processor.ProcessAsync(Base(ActivityTypes.Message) with { Text = line }, default), output);
        }
    }

    private static void Print(TurnResult result, TextWriter output)
    {
        foreach (var reply in result.Replies)
        {
            var activity = reply.Activity;
            var text = TranscriptRunner.TextOf(activity);
            if (text.Length > 0) output.WriteLine("bot: " + text.Replace("\n", "\n     "));
            var actions = activity.SuggestedActions?.Actions ?? [];
            for (var i = 0; i < actions.Count; i++) output.WriteLine($"     {i + 1}) {actions[i].Title}");
            foreach (var attachment in activity.Attachments ?? [])
            {
                if (attachment.Content is { ValueKind: JsonValueKind.Object } card && card.TryGetProperty("buttons", out var buttons))
                {
                    foreach (var button in buttons.EnumerateArray())
                        output.WriteLine($"     [{button.GetProperty("title").GetString()}] {button.GetProperty("value")}");
                }
            }
        }
    }
}
