using CampusCompanion.Core.Content;

namespace CampusCompanion.Core.Dialogs;

/// <summary>One flow from <c>dialogs/*.yaml</c>. Text is never here, only keys into <c>locales/</c>.</summary>
public sealed record DialogDefinition(
    string Id,
    SourceLocation Location,
    string? Description,
    IReadOnlyList<Trigger> StartsOn,
    bool Resumable,
    IReadOnlyList<DialogStep> Steps)
{
    private readonly Dictionary<string, int> _labels = Steps
        .Select((step, index) => (step.Label, index))
        .Where(x => x.Label is not null)
        .GroupBy(x => x.Label!)
        .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);

    /// <summary>Who the dialog speaks to: <c>student</c>, <c>parent</c>, or anyone (null). When two dialogs start on
    /// the same trigger, the one for the user's audience wins.</summary>
    public string? Audience { get; init; }

    public int? IndexOf(string label) => _labels.TryGetValue(label, out var index) ? index : null;

    /// <summary>Keys without a dot are relative to the dialog: <c>intro</c> in <c>study_choice</c> is <c>study_choice.intro</c>.</summary>
    public string Key(string key) => key.Contains('.') ? key : $"{Id}.{key}";
}

/// <summary>What starts a dialog: a global command, a recognised intent, or a built-in moment.</summary>
public sealed record Trigger(TriggerKind Kind, string Name, SourceLocation Location)
{
    public override string ToString() => Kind switch
    {
        TriggerKind.Command => $"command.{Name}",
        TriggerKind.Intent => $"intent.{Name}",
        _ => Name,
    };
}

public static class Audiences
{
    public const string Student = "student";
    public const string Parent = "parent";

    public static bool IsKnown(string? value) => value is Student or Parent;
}

public enum TriggerKind { Command, Intent, Welcome, Crisis, Fallback }

public abstract record DialogStep(string? Label, Condition? When, SourceLocation Location);

/// <summary>Says one text.</summary>
public sealed record SayStep(string? Label, Condition? When, SourceLocation Location, string Key) : DialogStep(Label, When, Location);

/// <summary>Asks a question with choices; re-prompts on an invalid answer and gives up politely after <see cref="MaxAttempts"/>.</summary>
public sealed record ChooseStep(string? Label, Condition? When, SourceLocation Location, string Key,
    IReadOnlyList<Choice> Choices, string? Remember, int MaxAttempts) : DialogStep(Label, When, Location)
{
    public string PromptKey(DialogDefinition d) => $"{d.Key(Key)}.prompt";
    public string RepromptKey(DialogDefinition d) => $"{d.Key(Key)}.reprompt";
    public string ChoiceKey(DialogDefinition d, Choice c) => $"{d.Key(Key)}.choices.{c.Id}";
    public string SynonymsKey(DialogDefinition d, Choice c) => $"{d.Key(Key)}.synonyms.{c.Id}";
}

public sealed record Choice(string Id, Condition? When, Branch? Then, SourceLocation Location);

/// <summary>Asks for free text, kept in the student's own words.</summary>
public sealed record AskStep(string? Label, Condition? When, SourceLocation Location, string Key, string? Remember) : DialogStep(Label, When, Location);

/// <summary>Shows a hero card: <c>key.title</c>, <c>key.text</c> and optionally a link button from the school profile.</summary>
public sealed record CardStep(string? Label, Condition? When, SourceLocation Location, string Key, string? Link) : DialogStep(Label, When, Location)
{
    public string TitleKey(DialogDefinition d) => $"{d.Key(Key)}.title";
    public string TextKey(DialogDefinition d) => $"{d.Key(Key)}.text";
    public string LinkKey(DialogDefinition d) => $"{d.Key(Key)}.link";
}

/// <summary>Remembers fixed values in user state.</summary>
public sealed record RememberStep(string? Label, Condition? When, SourceLocation Location, IReadOnlyDictionary<string, string> Values) : DialogStep(Label, When, Location);

/// <summary>Runs a named action of the bot itself (e.g. <c>erase_my_data</c>); the list is <see cref="DialogActions"/>.</summary>
public sealed record DoStep(string? Label, Condition? When, SourceLocation Location, string Action) : DialogStep(Label, When, Location);

public static class DialogActions
{
    /// <summary>Erase everything stored about this user, in every store, at the end of the turn.</summary>
    public const string EraseMyData = "erase_my_data";

    public static readonly IReadOnlyList<string> All = [EraseMyData];
}

/// <summary>goto / begin / replace / end / resume as a step of its own.</summary>
public sealed record FlowStep(string? Label, Condition? When, SourceLocation Location, Branch Then) : DialogStep(Label, When, Location);

public enum BranchKind { Goto, Begin, Replace, End, Resume }

public sealed record Branch(BranchKind Kind, string? Target, SourceLocation Location)
{
    /// <summary>Does control come back to the next step after this branch?</summary>
    public bool FallsThrough => Kind == BranchKind.Begin;
}

/// <summary>The only condition forms: <c>slot</c>, <c>not slot</c>, <c>slot == value</c>, <c>slot != value</c>.
/// The slot <c>suspended</c> is true while an interrupted dialog waits to be resumed.</summary>
public sealed record Condition(string Slot, string? Value, bool Negated, string Source)
{
    public const string Suspended = "suspended";

    public bool Evaluate(Func<string, string?> slots)
    {
        var actual = slots(Slot);
        var result = Value is null ? !string.IsNullOrEmpty(actual) : string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase);
        return Negated ? !result : result;
    }

    public static Condition? Parse(string text)
    {
        var s = text.Trim();
        if (s.Contains("!=", StringComparison.Ordinal))
        {
            var parts = s.Split("!=", 2, StringSplitOptions.TrimEntries);
            return IsSlot(parts[0]) && parts[1].Length > 0 ? new Condition(parts[0], Unquote(parts[1]), true, text) : null;
        }
        if (s.Contains("==", StringComparison.Ordinal))
        {
            var parts = s.Split("==", 2, StringSplitOptions.TrimEntries);
            return IsSlot(parts[0]) && parts[1].Length > 0 ? new Condition(parts[0], Unquote(parts[1]), false, text) : null;
        }
        if (s.StartsWith("not ", StringComparison.Ordinal))
        {
            var slot = s[4..].Trim();
            return IsSlot(slot) ? new Condition(slot, null, true, text) : null;
        }
        return IsSlot(s) ? new Condition(s, null, false, text) : null;
    }

    public static bool IsSlot(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');

    private static string Unquote(string s) => s.Length >= 2 && (s[0] is '"' or '\'') && s[^1] == s[0] ? s[1..^1] : s;
}
