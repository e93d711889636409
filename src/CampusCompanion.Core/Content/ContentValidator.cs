using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Core.Content;

/// <summary>Cross-checks dialogs against each other and against every locale. Codes: CC1xxx flow structure,
/// CC2xxx locales, CC3xxx transcript tests (see docs/diagnostics.md).</summary>
public static class ContentValidator
{
    /// <summary>Keys the code itself renders; they must exist like any dialog key.</summary>
    public static readonly IReadOnlyList<string> CodeKeys =
    [
        "common.reprompt", "common.giveup", "common.busy", "common.error", "language.confirmed", LocaleCatalog.DirectionKey, "locale.name",
        "locale.aliases", "clarify.prompt", "language.offer.prompt", "language.offer.choices.switch", "language.offer.choices.stay",
    ];

    /// <summary>Dialog moments the runtime needs exactly one dialog for.</summary>
    private static readonly (TriggerKind Kind, string Name)[] RequiredTriggers =
    [
        (TriggerKind.Welcome, "welcome"), (TriggerKind.Crisis, "crisis"), (TriggerKind.Fallback, "fallback"), (TriggerKind.Command, "menu"),
    ];

    /// <summary>The language translators translate from; placeholders elsewhere must match it.</summary>
    public const string SourceLocale = "nl";

    public static void Validate(BotContent content, ContentOptions options, string dialogsRoot, List<Diagnostic> diagnostics)
    {
        var dialogs = content.Dialogs.Values.ToList();
        CheckDialogSet(dialogs, content, dialogsRoot, diagnostics);
        var referenced = new Dictionary<string, (SourceLocation At, bool Optional)>(StringComparer.Ordinal);
        foreach (var dialog in dialogs)
        {
            CheckSteps(dialog, content, diagnostics);
            CheckReachability(dialog, diagnostics);
            foreach (var (key, at, optional) in KeysOf(dialog))
            {
                if (!referenced.TryGetValue(key, out var existing) || (existing.Optional && !optional)) referenced[key] = (at, optional);
            }
        }
        foreach (var key in CodeKeys) referenced.TryAdd(key, (new SourceLocation("(code)", 1), false));
        foreach (var key in new[] { "language.offer.synonyms.switch", "language.offer.synonyms.stay" }) referenced.TryAdd(key, (new SourceLocation("(code)", 1), true));
        // "Did you mean A or B?" names each intent a dialog starts on.
        foreach (var trigger in dialogs.SelectMany(d => d.StartsOn).Where(t => t.Kind == TriggerKind.Intent))
            referenced.TryAdd("clarify." + trigger.Name, (trigger.Location, false));
        foreach (var command in content.Commands.Names) referenced.TryAdd(CommandLexicon.KeyPrefix + command, (new SourceLocation("(code)", 1), false));

        CheckLocales(content.Locales, options, referenced, diagnostics);
        TranslationVersions.Check(content.Locales, options.ResolveLocales(), SourceLocale, diagnostics);
        CheckProfileUses(content, diagnostics);
        TranscriptScript.Validate(dialogsRoot, content, referenced.Keys.ToHashSet(StringComparer.Ordinal), diagnostics);
    }

    private static void CheckDialogSet(List<DialogDefinition> dialogs, BotContent content, string dialogsRoot, List<Diagnostic> diagnostics)
    {
        foreach (var dup in dialogs.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            foreach (var d in dup.Skip(1))
                diagnostics.Add(new Diagnostic("CC1011", Severity.Error, d.Location, $"dialog '{d.Id}' is also defined at {dup.First().Location}"));
        }
        var triggers = new Dictionary<string, Trigger>(StringComparer.Ordinal);
        foreach (var dialog in dialogs)
        {
            foreach (var trigger in dialog.StartsOn)
            {
                var key = dialog.Audience is null ? trigger.ToString() : $"{trigger}@{dialog.Audience}";
                if (!triggers.TryAdd(key, trigger))
                    diagnostics.Add(new Diagnostic("CC1015", Severity.Error, trigger.Location,
                        $"'{trigger}' already starts another dialog{(dialog.Audience is null ? "" : " for " + dialog.Audience + "s")} ({triggers[key].Location})"));
                if (trigger.Kind == TriggerKind.Intent && !IntentLabels.IsKnown(trigger.Name))
                    diagnostics.Add(new Diagnostic("CC1013", Severity.Error, trigger.Location, $"'{trigger.Name}' is not an intent label (see intents.md)"));
                if (trigger.Kind == TriggerKind.Command && content.Locales.Find(CommandLexicon.KeyPrefix + trigger.Name, content.Locales.FallbackLocale) is null)
                    diagnostics.Add(new Diagnostic("CC1012", Severity.Error, trigger.Location, $"command '{trigger.Name}' has no words: add '{CommandLexicon.KeyPrefix}{trigger.Name}' to the locales"));
            }
        }
        foreach (var (kind, name) in RequiredTriggers)
        {
            var trigger = new Trigger(kind, name, default).ToString();
            if (!triggers.ContainsKey(trigger) && !triggers.ContainsKey(trigger + "@" + Audiences.Student))
                diagnostics.Add(new Diagnostic("CC1014", Severity.Error, new SourceLocation(Path.GetFileName(dialogsRoot), 1), $"no dialog starts on '{trigger}'; the bot needs one"));
        }
    }

    private static void CheckSteps(DialogDefinition dialog, BotContent content, List<Diagnostic> diagnostics)
    {
        foreach (var dup in dialog.Steps.Where(s => s.Label is not null).GroupBy(s => s.Label!).Where(g => g.Count() > 1))
        {
            foreach (var s in dup.Skip(1)) diagnostics.Add(new Diagnostic("CC1022", Severity.Error, s.Location, $"step id '{dup.Key}' is used twice in this dialog"));
        }
        foreach (var step in dialog.Steps)
        {
            switch (step)
            {
                case FlowStep flow:
                    CheckBranch(dialog, flow.Then, content, diagnostics);
                    break;
                case ChooseStep choose:
                    foreach (var choice in choose.Choices)
                    {
                        if (choice.Then is { } then) CheckBranch(dialog, then, content, diagnostics);
                        else if (choose.Remember is null)
                            diagnostics.Add(new Diagnostic("CC1023", Severity.Error, choice.Location,
                                $"choice '{choice.Id}' has no branch (goto, begin, replace, end, resume) and the step remembers nothing, so choosing it does nothing"));
                    }
                    break;
            }
        }
    }

    private static void CheckBranch(DialogDefinition dialog, Branch branch, BotContent content, List<Diagnostic> diagnostics)
    {
        switch (branch.Kind)
        {
            case BranchKind.Goto when dialog.IndexOf(branch.Target!) is null:
                diagnostics.Add(new Diagnostic("CC1020", Severity.Error, branch.Location, $"goto '{branch.Target}': no step has that id in dialog '{dialog.Id}'"));
                break;
            case BranchKind.Begin or BranchKind.Replace when !content.Dialogs.ContainsKey(branch.Target!):
                diagnostics.Add(new Diagnostic("CC1021", Severity.Error, branch.Location, $"there is no dialog '{branch.Target}'"));
                break;
        }
    }

    /// <summary>Steps no path from the first step can reach are almost always an editing mistake.</summary>
    private static void CheckReachability(DialogDefinition dialog, List<Diagnostic> diagnostics)
    {
        var reached = new bool[dialog.Steps.Count];
        var pending = new Stack<int>();
        pending.Push(0);
        while (pending.Count > 0)
        {
            var i = pending.Pop();
            if (i >= dialog.Steps.Count || reached[i]) continue;
            reached[i] = true;
            foreach (var next in Successors(dialog, i)) pending.Push(next);
        }
        for (var i = 0; i < reached.Length; i++)
        {
            if (!reached[i])
            {
                var step = dialog.Steps[i];
                diagnostics.Add(new Diagnostic("CC1024", Severity.Error, step.Location,
                    "this step can never be reached" + (step.Label is null ? " (give it an id and goto it, or remove it)" : $" (nothing jumps to '{step.Label}')")));
            }
        }
    }

    private static IEnumerable<int> Successors(DialogDefinition dialog, int i)
    {
        var step = dialog.Steps[i];
        var conditional = step.When is not null;
        IEnumerable<int> Follow(Branch? branch) => branch switch
        {
            null => [i + 1],
            { Kind: BranchKind.Goto } => dialog.IndexOf(branch.Target!) is { } target ? [target] : [],
            { Kind: BranchKind.Begin } => [i + 1],
            _ => [],
        };
        var successors = step switch
        {
            FlowStep flow => Follow(flow.Then),
            ChooseStep choose => choose.Choices.SelectMany(c => Follow(c.Then)),
            _ => [i + 1],
        };
        return conditional ? successors.Append(i + 1) : successors;
    }

    /// <summary>Every key a dialog renders. Re-prompts and synonyms are optional: common.reprompt stands in.</summary>
    public static IEnumerable<(string Key, SourceLocation At, bool Optional)> KeysOf(DialogDefinition dialog)
    {
        foreach (var step in dialog.Steps)
        {
            switch (step)
            {
                case SayStep say:
                    yield return (dialog.Key(say.Key), say.Location, false);
                    break;
                case AskStep ask:
                    yield return (dialog.Key(ask.Key), ask.Location, false);
                    break;
                case CardStep card:
                    yield return (dialog.Key(card.Key), card.Location, true);
                    yield return (card.TitleKey(dialog), card.Location, false);
                    yield return (card.TextKey(dialog), card.Location, false);
                    if (card.Link is not null) yield return (card.LinkKey(dialog), card.Location, false);
                    break;
                case ChooseStep choose:
                    yield return (choose.PromptKey(dialog), choose.Location, false);
                    yield return (choose.RepromptKey(dialog), choose.Location, true);
                    foreach (var choice in choose.Choices)
                    {
                        yield return (choose.ChoiceKey(dialog, choice), choice.Location, false);
                        yield return (choose.SynonymsKey(dialog, choice), choice.Location, true);
                    }
                    break;
            }
        }
    }

    private static void CheckLocales(LocaleCatalog locales, ContentOptions options,
        Dictionary<string, (SourceLocation At, bool Optional)> referenced, List<Diagnostic> diagnostics)
    {
        foreach (var required in options.RequiredLocales)
        {
            if (!locales.HasCulture(required))
                diagnostics.Add(new Diagnostic("CC2005", Severity.Error, new SourceLocation("locales", 1), $"required locale '{required}' has no folder locales/{required}/"));
        }
        foreach (var culture in locales.Cultures)
        {
            var strings = locales.StringsOf(culture);
            var required = options.RequiredLocales.Contains(culture, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, (at, optional)) in referenced)
            {
                if (optional || strings.ContainsKey(key)) continue;
                diagnostics.Add(new Diagnostic(required ? "CC2010" : "CC2011", required ? Severity.Error : Severity.Warning, at,
                    $"key '{key}' is missing in locales/{culture}/"));
            }
            var source = locales.StringsOf(SourceLocale);
            foreach (var (key, value) in strings)
            {
                if (!referenced.ContainsKey(key))
                {
                    diagnostics.Add(new Diagnostic("CC2012", Severity.Error, value.Location, $"unknown key '{key}': no dialog or code uses it"));
                    continue;
                }
                if (!culture.Equals(SourceLocale, StringComparison.OrdinalIgnoreCase) && source.TryGetValue(key, out var original)
                    && !value.Placeholders.SetEquals(original.Placeholders))
                {
                    diagnostics.Add(new Diagnostic("CC2013", Severity.Error, value.Location,
                        $"placeholders of '{key}' ({Describe(value.Placeholders)}) differ from the Dutch source ({Describe(original.Placeholders)})"));
                }
            }
        }
    }

    /// <summary>Every profile fact a text or card uses must be in the profile, in a form its format can read.</summary>
    private static void CheckProfileUses(BotContent content, List<Diagnostic> diagnostics)
    {
        var profile = content.Profile;
        foreach (var culture in content.Locales.Cultures)
        {
            foreach (var (key, value) in content.Locales.StringsOf(culture))
            {
                foreach (var (name, format) in LocaleCatalog.PlaceholderUses(value.Text))
                {
                    if (format is not null && !SchoolProfile.Formats.Contains(format))
                    {
                        diagnostics.Add(new Diagnostic("CC4005", Severity.Error, value.Location, $"'{{{name}:{format}}}' in '{key}': unknown format (use {string.Join(", ", SchoolProfile.Formats)})"));
                        continue;
                    }
                    if (!SchoolProfile.IsProfilePlaceholder(name)) continue;
                    if (profile.Find(name) is not { } fact)
                        diagnostics.Add(new Diagnostic("CC4003", Severity.Error, value.Location, $"'{key}' uses {{{name}}}, which the school profile does not have"));
                    else if (format is not null && !SchoolProfile.IsValid(fact, format))
                        diagnostics.Add(new Diagnostic("CC4004", Severity.Error, profile.LocationOf(name)!.Value,
                            $"'{name}' is shown as {format} in '{key}' ({value.Location}) but '{fact}' is not a {(format == "date" ? "date written yyyy-MM-dd" : "number such as 1234.50")}"));
                }
            }
        }
        foreach (var dialog in content.Dialogs.Values)
        {
            foreach (var card in dialog.Steps.OfType<CardStep>().Where(c => c.Link is not null))
            {
                if (!SchoolProfile.IsProfilePlaceholder(card.Link!) || profile.Find(card.Link!) is null)
                    diagnostics.Add(new Diagnostic("CC4003", Severity.Error, card.Location, $"link '{card.Link}' is not in the school profile"));
            }
        }
    }

    private static string Describe(IReadOnlySet<string> placeholders) =>
        placeholders.Count == 0 ? "none" : string.Join(", ", placeholders.Order().Select(p => "{" + p + "}"));
}
