using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.Safety;

namespace CampusCompanion.Core.Content;

/// <summary>Everything counsellors and translators edit, loaded and validated together.</summary>
public sealed class BotContent
{
    public BotContent(IReadOnlyList<DialogDefinition> dialogs, LocaleCatalog locales, CrisisLexicon crisisLexicon,
        IReadOnlyList<IntentExample> intentExamples, SchoolProfile profile, IReadOnlyList<Diagnostic> diagnostics)
    {
        Profile = profile;
        Dialogs = dialogs.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Locales = locales;
        CrisisLexicon = crisisLexicon;
        IntentExamples = intentExamples;
        Commands = new CommandLexicon(locales);
        Diagnostics = diagnostics;
        foreach (var dialog in dialogs)
        {
            foreach (var trigger in dialog.StartsOn) _byTrigger.TryAdd(TriggerKey(trigger.ToString(), dialog.Audience), dialog);
        }
    }

    private readonly Dictionary<string, DialogDefinition> _byTrigger = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DialogDefinition> Dialogs { get; }
    public LocaleCatalog Locales { get; }
    public CrisisLexicon CrisisLexicon { get; }
    public IReadOnlyList<IntentExample> IntentExamples { get; }
    public CommandLexicon Commands { get; }
    public SchoolProfile Profile { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The dialog a trigger starts for this audience: the audience's own, else the one for anyone, else
    /// another audience's (a parent asking about coping still gets an answer).</summary>
    public DialogDefinition? ForTrigger(TriggerKind kind, string name = "", string? audience = null)
    {
        var trigger = new Trigger(kind, name == "" ? kind.ToString().ToLowerInvariant() : name, default).ToString();
        if (audience is not null && _byTrigger.TryGetValue(TriggerKey(trigger, audience), out var own)) return own;
        if (_byTrigger.TryGetValue(TriggerKey(trigger, null), out var anyone)) return anyone;
        return _byTrigger.GetValueOrDefault(TriggerKey(trigger, Audiences.Student)) ?? _byTrigger.GetValueOrDefault(TriggerKey(trigger, Audiences.Parent));
    }

    private static string TriggerKey(string trigger, string? audience) => audience is null ? trigger : $"{trigger}@{audience}";

    /// <summary>Loads and validates dialogs and locales; never throws for content errors, it reports them.</summary>
    public static BotContent Load(ContentOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var dialogsRoot = options.ResolveDialogs();
        var localesRoot = options.ResolveLocales();
        var dialogs = DialogLoader.Load(dialogsRoot, diagnostics);
        var locales = LocaleCatalog.Load(localesRoot, options.FallbackLocale, diagnostics);
        var lexicon = CrisisLexicon.Load(localesRoot, diagnostics);
        var examples = Recognition.IntentExamples.Load(localesRoot, diagnostics);
        var profilePath = options.ResolveProfile();
        var profile = SchoolProfile.Load(profilePath, Path.GetFileName(profilePath), diagnostics);
        var content = new BotContent(dialogs, locales, lexicon, examples, profile, diagnostics);
        ContentValidator.Validate(content, options, dialogsRoot, diagnostics);
        return content;
    }

    /// <summary>For start-up: the process refuses to run on content errors.</summary>
    public static BotContent LoadOrThrow(ContentOptions options)
    {
        var content = Load(options);
        if (content.HasErrors) throw new ContentValidationException(content.Diagnostics.Where(d => d.Severity == Severity.Error).ToList());
        return content;
    }
}
