using CampusCompanion.Core.Content;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Dialogs;

/// <summary>Reads <c>dialogs/*.yaml</c> (not <c>*.test.yaml</c>) into definitions, reporting each structural error with file and line.</summary>
public static class DialogLoader
{
    public const string TestSuffix = ".test.yaml";

    private static readonly HashSet<string> StepVerbs = ["say", "choose", "ask", "card", "remember", "do", "goto", "begin", "replace", "end", "resume"];
    private static readonly HashSet<string> StepModifiers = ["id", "when", "choices", "retries", "link"];
    private static readonly HashSet<string> ChoiceFields = ["id", "when", "goto", "begin", "replace", "end", "resume"];
    private static readonly HashSet<string> DialogFields = ["dialog", "description", "audience", "starts_on", "resumable", "steps"];

    public const int DefaultMaxAttempts = 3;

    public static IReadOnlyList<DialogDefinition> Load(string root, List<Diagnostic> diagnostics)
    {
        var dialogs = new List<DialogDefinition>();
        if (!Directory.Exists(root))
        {
            diagnostics.Add(new Diagnostic("CC1000", Severity.Error, new SourceLocation(root, 1), "the dialogs folder does not exist"));
            return dialogs;
        }
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(TestSuffix, StringComparison.OrdinalIgnoreCase)) continue;
            var display = YamlSource.Display(root, file);
            var node = YamlSource.Load(file, display, diagnostics, "CC1001");
            if (node is null) continue;
            var dialog = new Reader(display, diagnostics).ReadDialog(node);
            if (dialog is not null) dialogs.Add(dialog);
        }
        return dialogs;
    }

    private sealed class Reader(string file, List<Diagnostic> diagnostics)
    {
        private void Error(string code, YamlNode at, string message) =>
            diagnostics.Add(new Diagnostic(code, Severity.Error, at.At(file), message));

        public DialogDefinition? ReadDialog(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error("CC1002", node, "a dialog file is a map with 'dialog:' and 'steps:'");
                return null;
            }
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (!DialogFields.Contains(key.Value!)) Error("CC1003", key, $"unknown field '{key.Value}' (expected one of: {string.Join(", ", DialogFields)})");
            }
            var id = map.Scalar("dialog");
            if (string.IsNullOrWhiteSpace(id) || !Condition.IsSlot(id) || id.Contains('.'))
            {
                Error("CC1002", map, "'dialog:' must name the dialog with letters, digits and underscores");
                return null;
            }
            var triggers = ReadTriggers(map.Child("starts_on"));
            var resumable = !string.Equals(map.Scalar("resumable"), "false", StringComparison.OrdinalIgnoreCase);
            if (map.Child("steps") is not YamlSequenceNode stepsNode || stepsNode.Children.Count == 0)
            {
                Error("CC1002", map, "'steps:' must be a non-empty list");
                return null;
            }
            var audience = map.Scalar("audience");
            if (audience is not null && !Audiences.IsKnown(audience))
                Error("CC1016", map.Child("audience")!, $"audience '{audience}' is not one of: {Audiences.Student}, {Audiences.Parent}");
            var steps = stepsNode.Children.Select(ReadStep).Where(s => s is not null).Select(s => s!).ToList();
            return new DialogDefinition(id, map.At(file), map.Scalar("description"), triggers, resumable, steps)
            {
                Audience = Audiences.IsKnown(audience) ? audience : null,
            };
        }

        private List<Trigger> ReadTriggers(YamlNode? node)
        {
            var triggers = new List<Trigger>();
            if (node is null) return triggers;
            var items = node is YamlSequenceNode seq ? seq.Children : [node];
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { } text })
                {
                    Error("CC1010", item, "a trigger is written as command.menu, intent.study_choice, welcome, crisis or fallback");
                    continue;
                }
                var location = item.At(file);
                Trigger? trigger = text switch
                {
                    "welcome" => new Trigger(TriggerKind.Welcome, text, location),
                    "crisis" => new Trigger(TriggerKind.Crisis, text, location),
                    "fallback" => new Trigger(TriggerKind.Fallback, text, location),
                    _ when text.StartsWith("command.", StringComparison.Ordinal) => new Trigger(TriggerKind.Command, text["command.".Length..], location),
                    _ when text.StartsWith("intent.", StringComparison.Ordinal) => new Trigger(TriggerKind.Intent, text["intent.".Length..], location),
                    _ => null,
                };
                if (trigger is null) Error("CC1010", item, $"unknown trigger '{text}' (use command.<name>, intent.<name>, welcome, crisis or fallback)");
                else triggers.Add(trigger);
            }
            return triggers;
        }

        private DialogStep? ReadStep(YamlNode node)
        {
            if (node is YamlScalarNode { Value: "end" or "resume" } bare)
            {
                var kind = bare.Value == "end" ? BranchKind.End : BranchKind.Resume;
                return new FlowStep(null, null, bare.At(file), new Branch(kind, null, bare.At(file)));
            }
            if (node is not YamlMappingNode map)
            {
                Error("CC1004", node, "a step is a map such as 'say: intro' or 'choose: motive' (or the word end / resume)");
                return null;
            }
            var verbs = map.Children.Keys.OfType<YamlScalarNode>().Where(k => StepVerbs.Contains(k.Value!)).ToList();
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (!StepVerbs.Contains(key.Value!) && !StepModifiers.Contains(key.Value!))
                    Error("CC1004", key, $"unknown step field '{key.Value}' (steps: {string.Join(", ", StepVerbs)}; with: {string.Join(", ", StepModifiers)})");
            }
            // `remember:` modifies choose/ask; on its own it is a step.
            var primary = verbs.Where(v => v.Value != "remember").ToList();
            if (primary.Count > 1)
            {
                Error("CC1004", map, $"a step does one thing; this one has {string.Join(" and ", primary.Select(v => v.Value))}");
                return null;
            }
            var verb = primary.Count == 1 ? primary[0].Value! : verbs.Count == 1 ? "remember" : null;
            if (verb is null)
            {
                Error("CC1004", map, "this step has no action (say, choose, ask, card, remember, do, goto, begin, replace, end or resume)");
                return null;
            }

            var label = map.Scalar("id");
            if (label is not null && !Condition.IsSlot(label)) Error("CC1005", map, $"step id '{label}' may only use letters, digits, '_' and '.'");
            var when = ReadCondition(map.Child("when"));
            var location = map.At(file);
            var remember = verb is "choose" or "ask" ? map.Scalar("remember") : null;
            if (remember is not null && !Condition.IsSlot(remember)) Error("CC1005", map, $"'{remember}' is not a valid name to remember");

            switch (verb)
            {
                case "say":
                    return KeyOf(map, "say") is { } sayKey ? new SayStep(label, when, location, sayKey) : null;
                case "ask":
                    return KeyOf(map, "ask") is { } askKey ? new AskStep(label, when, location, askKey, remember) : null;
                case "do":
                {
                    var action = map.Scalar("do");
                    if (action is null || !DialogActions.All.Contains(action))
                    {
                        Error("CC1025", map, $"'do: {action}' is not an action the bot has (actions: {string.Join(", ", DialogActions.All)})");
                        return null;
                    }
                    return new DoStep(label, when, location, action);
                }
                case "card":
                    return KeyOf(map, "card") is { } cardKey ? new CardStep(label, when, location, cardKey, map.Scalar("link")) : null;
                case "choose":
                {
                    var key = KeyOf(map, "choose");
                    if (key is null) return null;
                    var retries = DefaultMaxAttempts;
                    if (map.Scalar("retries") is { } r && (!int.TryParse(r, out retries) || retries is < 1 or > 10))
                    {
                        Error("CC1006", map.Child("retries")!, "'retries' is a number of tries from 1 to 10");
                        retries = DefaultMaxAttempts;
                    }
                    if (map.Child("choices") is not YamlSequenceNode choicesNode || choicesNode.Children.Count == 0)
                    {
                        Error("CC1006", map, "'choose' needs a non-empty 'choices:' list");
                        return null;
                    }
                    var choices = choicesNode.Children.Select(ReadChoice).Where(c => c is not null).Select(c => c!).ToList();
                    foreach (var dup in choices.GroupBy(c => c.Id).Where(g => g.Count() > 1))
                        Error("CC1006", choicesNode, $"choice '{dup.Key}' appears twice");
                    return new ChooseStep(label, when, location, key, choices, remember, retries);
                }
                case "remember":
                {
                    if (map.Child("remember") is not YamlMappingNode values)
                    {
                        Error("CC1007", map, "'remember:' on its own step is a map of name: value");
                        return null;
                    }
                    var dict = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (k, v) in values.Children)
                    {
                        var name = ((YamlScalarNode)k).Value!;
                        if (!Condition.IsSlot(name) || v is not YamlScalarNode { Value: { } value }) Error("CC1007", k, $"'{name}' must be a name with a plain value");
                        else dict[name] = value;
                    }
                    return new RememberStep(label, when, location, dict);
                }
                default:
                    return ReadBranch(map, verb) is { } branch ? new FlowStep(label, when, location, branch) : null;
            }
        }

        private Choice? ReadChoice(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { } bareId })
            {
                if (!Condition.IsSlot(bareId)) { Error("CC1006", node, $"choice id '{bareId}' may only use letters, digits and '_'"); return null; }
                return new Choice(bareId, null, null, node.At(file));
            }
            if (node is not YamlMappingNode map || map.Scalar("id") is not { } id || !Condition.IsSlot(id))
            {
                Error("CC1006", node, "a choice is an id, or a map with 'id:' and a branch (goto, begin, replace, end, resume)");
                return null;
            }
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (!ChoiceFields.Contains(key.Value!)) Error("CC1006", key, $"unknown choice field '{key.Value}' (expected: {string.Join(", ", ChoiceFields)})");
            }
            var verbs = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => k is "goto" or "begin" or "replace" or "end" or "resume").ToList();
            if (verbs.Count > 1) Error("CC1006", map, $"choice '{id}' has more than one branch");
            var branch = verbs.Count == 1 ? ReadBranch(map, verbs[0]) : null;
            return new Choice(id, ReadCondition(map.Child("when")), branch, map.At(file));
        }

        private Branch? ReadBranch(YamlMappingNode map, string verb)
        {
            var location = map.At(file);
            var target = map.Scalar(verb);
            switch (verb)
            {
                case "end": return new Branch(BranchKind.End, null, location);
                case "resume": return new Branch(BranchKind.Resume, null, location);
            }
            if (string.IsNullOrWhiteSpace(target) || !Condition.IsSlot(target))
            {
                Error("CC1008", map, $"'{verb}:' needs the name of a {(verb == "goto" ? "step id" : "dialog")}");
                return null;
            }
            return new Branch(verb switch { "goto" => BranchKind.Goto, "begin" => BranchKind.Begin, _ => BranchKind.Replace }, target, location);
        }

        private Condition? ReadCondition(YamlNode? node)
        {
            if (node is null) return null;
            if (node is YamlScalarNode { Value: { } text } && Condition.Parse(text) is { } condition) return condition;
            Error("CC1009", node, "a condition is 'name', 'not name', 'name == value' or 'name != value'");
            return null;
        }

        private string? KeyOf(YamlMappingNode map, string verb)
        {
            var key = map.Scalar(verb);
            if (!string.IsNullOrWhiteSpace(key) && Condition.IsSlot(key)) return key;
            Error("CC1005", map, $"'{verb}:' needs a text key (letters, digits, '_' and '.')");
            return null;
        }
    }
}
