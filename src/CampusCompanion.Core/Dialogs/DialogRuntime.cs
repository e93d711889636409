using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Dialogs;

/// <summary>Runs the dialogs of <see cref="BotContent"/> on a conversation's dialog stack: continues the waiting
/// step with the user's answer, or starts a dialog for an interruption, an intent, a welcome or a fallback.</summary>
public sealed class DialogRuntime(BotContent content, IOptions<RecognitionOptions> recognition)
{
    internal RecognitionOptions Recognition => recognition.Value;

    public const string JoinEvent = "webchat/join";
    public const string LanguageEvent = "campus/language";

    private BotContent Content { get; } = content;
    private SchoolProfile Profile => Content.Profile;

    /// <summary>A dialog that loops without asking anything is a content bug; stop it instead of hanging the turn.</summary>
    private const int MaxStepsPerTurn = 200;

    private readonly ConcurrentDictionary<(string Culture, string Key), string[]> _foldedAnswers = new();

    public void Handle(TurnContext turn)
    {
        var run = new Run(this, turn);
        if (turn.Interruption is { } interruption)
        {
            run.Interrupt(interruption);
        }
        else if (turn.Activity.Type is ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate)
        {
            if (BotWasAdded(turn.Activity) && !turn.Conversation.Welcomed) run.Welcome(thenMenu: true);
        }
        else if (turn.Activity.Type == ActivityTypes.Event)
        {
            run.Event(turn.Activity.Name, turn.Activity.Value);
        }
        else if (turn.IsMessage)
        {
            run.Message();
        }
        run.Commit();
    }

    private static bool BotWasAdded(Activity activity) =>
        activity.Type == ActivityTypes.InstallationUpdate
            ? activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true
            : activity.MembersAdded?.Any(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;

    /// <summary>One turn's work on a mutable copy of the stack; <see cref="Commit"/> writes it back as immutable state.</summary>
    private sealed class Run(DialogRuntime runtime, TurnContext turn)
    {
        private readonly BotContent _content = runtime.Content;
        private readonly List<DialogFrame> _stack = [.. turn.Conversation.Stack];
        private ImmutableArray<DialogFrame> _suspended = turn.Conversation.Suspended;
        private bool _welcomed = turn.Conversation.Welcomed;
        private UserState _user = turn.User.Audience is null && AudienceOf(turn.Activity) is { } audience ? turn.User with { Audience = audience } : turn.User;
        private int _budget = MaxStepsPerTurn;
        private LanguageOffer? _offer = turn.Conversation.LanguageOffer;
        private Clarification? _clarification = turn.Conversation.Clarification;

        /// <summary>Teams is the students' channel; on the website the page may say who is visiting
        /// (<c>channelData.audience</c>), and otherwise the menu asks.</summary>
        private static string? AudienceOf(Activity activity)
        {
            if (string.Equals(activity.ChannelId, "msteams", StringComparison.OrdinalIgnoreCase)) return Audiences.Student;
            return activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("audience", out var a)
                && a.ValueKind == JsonValueKind.String && Audiences.IsKnown(a.GetString()) ? a.GetString() : null;
        }

        private DialogDefinition? For(TriggerKind kind, string name = "") => _content.ForTrigger(kind, name, _user.Audience);

        public void Commit()
        {
            var conversation = turn.Conversation;
            if (!conversation.Stack.SequenceEqual(_stack) || conversation.Suspended != _suspended || conversation.Welcomed != _welcomed
                || conversation.LanguageOffer != _offer || conversation.Clarification != _clarification)
            {
                turn.Conversation = conversation with
                {
                    Stack = [.. _stack], Suspended = _suspended, Welcomed = _welcomed, LanguageOffer = _offer, Clarification = _clarification,
                };
            }
            turn.User = _user;
        }

        /// <summary>A message: a pending question of the bot's own first (language, "did you mean"), then an explicit
        /// language request, an offer to switch language, the waiting dialog's answer, or routing.</summary>
        public void Message()
        {
            var afterWelcome = !_welcomed;
            if (afterWelcome) Welcome();
            if (_offer is { } offer && AnswerOffer(offer)) return;
            if (_clarification is { } clarification && AnswerClarification(clarification)) return;
            // An utterance that is one of the waiting question's choices selects it, whatever else it resembles.
            if (WaitingChoiceMatches())
            {
                Answer();
                return;
            }
            if (IsConfident(IntentLanguage, runtime.Recognition.ClarifyAbove) && RequestedLanguage() is { } requested)
            {
                SwitchLanguage(requested);
                return;
            }
            // An answer in the student's own words may be in any language: it is kept as written, not taken as a wish to switch.
            if (turn.LanguageOffer is { } language && !WaitingForOwnWords())
            {
                Offer(language);
                return;
            }
            if (_stack.Count > 0) Answer();
            else Route(afterWelcome);
        }

        private const string IntentLanguage = "language";

        /// <summary>The step the conversation waits on, if any.</summary>
        private (DialogDefinition Dialog, DialogStep Step)? Waiting() =>
            _stack.Count > 0 && _content.Dialogs.TryGetValue(_stack[^1].Dialog, out var dialog) && _stack[^1].Step < dialog.Steps.Count
                ? (dialog, dialog.Steps[_stack[^1].Step])
                : null;

        private bool WaitingChoiceMatches() => Waiting() is { Step: ChooseStep choose } waiting && Match(waiting.Dialog, choose) is not null;

        private bool WaitingForOwnWords() => Waiting() is { Step: AskStep };

        private bool IsConfident(string intent, double threshold) => turn.Intent is { } i && i.Intent == intent && i.Score >= threshold;

        /// <summary>"Shall we continue in Türkçe?" asked in that language, with the answer to switch in it and the
        /// answer to stay in the current one; the message itself is answered once the user chose.</summary>
        private void Offer(string language)
        {
            var pending = turn.Intent is { } i && i.Score >= runtime.Recognition.RouteAbove && i.Intent != IntentResult.None ? i.Intent : null;
            _offer = new LanguageOffer(language, pending);
            var switchKey = OfferKey + ".choices.switch";
            var stayKey = OfferKey + ".choices.stay";
            var reply = turn.Activity.CreateReply() with
            {
                Text = _content.Locales.Render(OfferKey + ".prompt", language, Placeholder),
                Locale = language,
                InputHint = InputHints.ExpectingInput,
                SuggestedActions = new SuggestedActions
                {
                    Actions = [CardAction.ImBack(_content.Locales.Render(switchKey, language)), CardAction.ImBack(_content.Locales.Render(stayKey, turn.Culture))],
                },
            };
            turn.Send(new BotReply(OfferKey + ".prompt", reply, [switchKey, stayKey]));
        }

        private const string OfferKey = "language.offer";

        private bool AnswerOffer(LanguageOffer offer)
        {
            _offer = null;
            var answer = TextNormalizer.Fold(turn.Text);
            bool Says(string key, string culture) =>
                runtime.FoldedAnswers(culture, key, OfferKey + ".synonyms." + key.Split('.')[^1]).Any(f => f == answer || (f.Length >= 3 && ContainsWords(answer, f)));
            var switching = answer == "1" || Says(OfferKey + ".choices.switch", offer.Language);
            var staying = !switching && (answer == "2" || Says(OfferKey + ".choices.stay", turn.Culture));
            if (!switching && !staying) return false;
            if (switching) Remember("language", new RememberedValue(offer.Language));
            else
            {
                var declined = _user.Memory.TryGetValue(LanguageStep.DeclinedSlot, out var d) ? d.Value + "," : "";
                Remember(LanguageStep.DeclinedSlot, new RememberedValue(declined + offer.Language));
            }
            // Now answer what the message asked, in the chosen language; or ask the waiting question again in it.
            if (offer.PendingIntent is { } intent && For(TriggerKind.Intent, intent) is { } dialog
                && !_stack.Any(f => f.Dialog == dialog.Id))
            {
                SuspendAndClear();
                Begin(dialog);
            }
            else if (_stack.Count == 0)
            {
                Begin(For(TriggerKind.Command, "menu")!);
            }
            Continue();
            return true;
        }

        /// <summary>"English please", "kun je Turks praten?": the language named in a language request, if any.</summary>
        private string? RequestedLanguage()
        {
            var text = TextNormalizer.Fold(turn.Text);
            foreach (var (culture, aliases) in runtime.LanguageAliases())
            {
                if (string.Equals(culture, turn.Culture, StringComparison.OrdinalIgnoreCase)) continue;
                if (aliases.Any(alias => alias.Length >= 3 && ContainsWords(text, alias))) return culture;
            }
            return null;
        }

        private void SwitchLanguage(string language)
        {
            Remember("language", new RememberedValue(language));
            Say("language.confirmed");
            if (_stack.Count > 0) Continue();
            else
            {
                Begin(For(TriggerKind.Command, "menu")!);
                Continue();
            }
        }

        private bool AnswerClarification(Clarification clarification)
        {
            _clarification = null;
            var answer = TextNormalizer.Fold(turn.Text);
            string? chosen = answer switch { "1" => clarification.First, "2" => clarification.Second, _ => null };
            chosen ??= new[] { clarification.First, clarification.Second }.FirstOrDefault(intent =>
                runtime.FoldedAnswers(turn.Culture, ClarifyKey(intent), ClarifyKey(intent)).Any(f => f == answer));
            if (chosen is null || For(TriggerKind.Intent, chosen) is not { } dialog) return false;
            if (_stack.Count > 0) SuspendAndClear();
            Begin(dialog);
            Continue();
            return true;
        }

        public static string ClarifyKey(string intent) => "clarify." + intent;

        private void Clarify(string first, string second)
        {
            _clarification = new Clarification(first, second);
            var keys = new[] { ClarifyKey(first), ClarifyKey(second) };
            var reply = turn.Activity.CreateReply() with
            {
                Text = Render("clarify.prompt"),
                Locale = turn.Culture,
                InputHint = InputHints.ExpectingInput,
                SuggestedActions = new SuggestedActions { Actions = keys.Select(k => CardAction.ImBack(Render(k))).ToArray() },
            };
            turn.Send(new BotReply("clarify.prompt", reply, keys));
        }

        /// <summary>The welcome, once per conversation; the menu follows unless a message says what the user wants.</summary>
        public void Welcome(bool thenMenu = false)
        {
            _welcomed = true;
            Begin(For(TriggerKind.Welcome)!);
            Continue();
            if (thenMenu && _stack.Count == 0)
            {
                Begin(For(TriggerKind.Command, "menu")!);
                Continue();
            }
        }

        /// <summary>Channel events: the widget says who joined and in which language (<c>webchat/join</c>),
        /// or that the user picked another language (<c>campus/language</c>), which keeps the conversation's place.</summary>
        public void Event(string? name, JsonElement? value)
        {
            if (name is not (JoinEvent or LanguageEvent)) return;
            if (value is { ValueKind: JsonValueKind.Object } v)
            {
                if (v.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
                    && _content.Locales.Supported(language.GetString()) is { } culture)
                {
                    Remember("language", new RememberedValue(culture));
                }
                if (v.TryGetProperty("audience", out var audience) && audience.ValueKind == JsonValueKind.String
                    && Audiences.IsKnown(audience.GetString()) && audience.GetString() != _user.Audience)
                {
                    var before = _user.Audience;
                    Remember("audience", new RememberedValue(audience.GetString()!));
                    // Someone who says they are a parent after all gets the parents' menu right away.
                    if (before is not null && _welcomed && name == JoinEvent)
                    {
                        SuspendAndClear();
                        Begin(For(TriggerKind.Command, "menu")!);
                        Continue();
                        return;
                    }
                }
            }
            if (name == JoinEvent)
            {
                if (!_welcomed) Welcome(thenMenu: true);
                return;
            }
            Say("language.confirmed");
            Continue();
        }

        public void Interrupt(Interruption interruption)
        {
            var target = interruption.Kind == InterruptionKind.Crisis
                ? For(TriggerKind.Crisis)
                : For(TriggerKind.Command, interruption.Name);
            if (target is null) return;
            _welcomed = true;
            SuspendAndClear();
            Begin(target);
            Continue();
        }

        /// <summary>Nothing waits for an answer: sure → the intent's dialog; unsure → "did you mean A or B?";
        /// lost → the honest fallback (counted as unanswered), or the menu right after the welcome.</summary>
        public void Route(bool afterWelcome)
        {
            var intent = turn.Intent;
            var candidates = (intent?.Alternatives ?? [])
                .Where(a => a.Intent != IntentResult.None && For(TriggerKind.Intent, a.Intent) is not null)
                .ToList();
            DialogDefinition? dialog = null;
            if (intent is { } i && i.Intent != IntentResult.None && i.Score >= runtime.Recognition.RouteAbove)
                dialog = For(TriggerKind.Intent, i.Intent);
            else if (intent is { } j && j.Intent != IntentResult.None && j.Score >= runtime.Recognition.ClarifyAbove && candidates.Count >= 2)
            {
                Clarify(candidates[0].Intent, candidates[1].Intent);
                return;
            }
            else if (intent is { } k && k.Intent != IntentResult.None && k.Score >= runtime.Recognition.ClarifyAbove && candidates.Count == 1)
                dialog = For(TriggerKind.Intent, candidates[0].Intent);
            if (dialog is null)
            {
                turn.Unanswered = !afterWelcome && intent?.Intent != "greeting";
                dialog = afterWelcome ? For(TriggerKind.Command, "menu") : For(TriggerKind.Fallback);
            }
            Begin(dialog!);
            Continue();
        }

        public void Answer()
        {
            var frame = _stack[^1];
            if (!_content.Dialogs.TryGetValue(frame.Dialog, out var dialog) || frame.Step >= dialog.Steps.Count)
            {
                // The dialog changed since this conversation was saved: start clean rather than guess.
                Restart();
                return;
            }
            switch (dialog.Steps[frame.Step])
            {
                case ChooseStep choose:
                    var choice = Match(dialog, choose);
                    if (choice is null && OtherDialogAskedFor(dialog) is { } asked)
                    {
                        // Not one of the choices, but clearly a question of its own: answer it; the menu offers to come back.
                        SuspendAndClear();
                        Begin(asked);
                        Continue();
                        return;
                    }
                    if (choice is null)
                    {
                        NotUnderstood(dialog, frame, choose.MaxAttempts, () => Prompt(dialog, choose, reprompt: true));
                        return;
                    }
                    if (choose.Remember is not null) Remember(choose.Remember, new RememberedValue(choice.Id, choose.ChoiceKey(dialog, choice)));
                    _stack[^1] = frame with { Attempts = 0 };
                    Follow(choice.Then);
                    break;
                case AskStep ask:
                    if (turn.Text.Length == 0)
                    {
                        NotUnderstood(dialog, frame, DialogLoader.DefaultMaxAttempts, () => Say(dialog.Key(ask.Key)));
                        return;
                    }
                    if (ask.Remember is not null) Remember(ask.Remember, new RememberedValue(turn.Text));
                    _stack[^1] = frame with { Step = frame.Step + 1, Attempts = 0 };
                    break;
                default:
                    Restart();
                    return;
            }
            Continue();
        }

        private DialogDefinition? OtherDialogAskedFor(DialogDefinition current)
        {
            if (turn.Intent is not { } intent || intent.Score < runtime.Recognition.RouteAbove || intent.Intent is IntentResult.None or "greeting") return null;
            var dialog = For(TriggerKind.Intent, intent.Intent);
            return dialog is null || dialog.Id == current.Id || _stack.Any(f => f.Dialog == dialog.Id) ? null : dialog;
        }

        private void NotUnderstood(DialogDefinition dialog, DialogFrame frame, int maxAttempts, Action reprompt)
        {
            var attempts = frame.Attempts + 1;
            if (attempts >= maxAttempts)
            {
                Say("common.giveup");
                SuspendAndClear();
                Begin(For(TriggerKind.Command, "menu")!);
                Continue();
                return;
            }
            _stack[^1] = frame with { Attempts = attempts };
            reprompt();
        }

        /// <summary>Puts the active dialogs aside so the menu can offer to resume them (menus and the crisis route are not resumable).</summary>
        private void SuspendAndClear()
        {
            if (_stack.Count > 0 && _content.Dialogs.TryGetValue(_stack[0].Dialog, out var outer) && outer.Resumable)
            {
                _suspended = [.. _stack];
            }
            _stack.Clear();
        }

        private void Restart()
        {
            _stack.Clear();
            Begin(For(TriggerKind.Command, "menu")!);
            Continue();
        }

        private void Begin(DialogDefinition dialog) => _stack.Add(new DialogFrame(dialog.Id, 0));

        /// <summary>Runs steps until one waits for the user or the stack is empty.</summary>
        private void Continue()
        {
            while (_stack.Count > 0)
            {
                if (--_budget < 0)
                {
                    _stack.Clear();
                    return;
                }
                var frame = _stack[^1];
                if (!_content.Dialogs.TryGetValue(frame.Dialog, out var dialog) || frame.Step >= dialog.Steps.Count)
                {
                    EndTop();
                    continue;
                }
                var step = dialog.Steps[frame.Step];
                if (step.When is { } when && !when.Evaluate(Slot))
                {
                    _stack[^1] = frame with { Step = frame.Step + 1 };
                    continue;
                }
                switch (step)
                {
                    case SayStep say:
                        Say(dialog.Key(say.Key));
                        Advance();
                        break;
                    case CardStep card:
                        Card(dialog, card);
                        Advance();
                        break;
                    case RememberStep remember:
                        foreach (var (name, value) in remember.Values) Remember(name, new RememberedValue(value));
                        Advance();
                        break;
                    case ChooseStep choose:
                        _stack[^1] = frame with { Attempts = 0 };
                        Prompt(dialog, choose, reprompt: false);
                        return;
                    case AskStep ask:
                        _stack[^1] = frame with { Attempts = 0 };
                        Say(dialog.Key(ask.Key), InputHints.ExpectingInput);
                        return;
                    case FlowStep flow:
                        Follow(flow.Then);
                        break;
                    case DoStep { Action: DialogActions.EraseMyData }:
                        turn.EraseUserData = true;
                        Advance();
                        break;
                }
            }
        }

        private void Advance() => _stack[^1] = _stack[^1] with { Step = _stack[^1].Step + 1 };

        /// <summary>Pops the finished dialog; its parent continues after the step that began it.</summary>
        private void EndTop()
        {
            _stack.RemoveAt(_stack.Count - 1);
            if (_stack.Count > 0) Advance();
        }

        private void Follow(Branch? branch)
        {
            switch (branch?.Kind)
            {
                case null:
                    Advance();
                    break;
                case BranchKind.Goto:
                    var dialog = _content.Dialogs[_stack[^1].Dialog];
                    _stack[^1] = _stack[^1] with { Step = dialog.IndexOf(branch.Target!)!.Value };
                    break;
                case BranchKind.Begin:
                    Begin(_content.Dialogs[branch.Target!]);
                    break;
                case BranchKind.Replace:
                    _stack.RemoveAt(_stack.Count - 1);
                    Begin(_content.Dialogs[branch.Target!]);
                    break;
                case BranchKind.End:
                    EndTop();
                    break;
                case BranchKind.Resume:
                    if (_suspended.IsEmpty)
                    {
                        EndTop();
                        break;
                    }
                    // The interrupted dialog picks up at the step that was waiting; running it asks that question again.
                    _stack.Clear();
                    _stack.AddRange(_suspended);
                    _suspended = [];
                    break;
            }
        }

        private void Remember(string name, RememberedValue value)
        {
            switch (name)
            {
                case "language":
                    _user = _user with { Language = value.Value };
                    turn.Culture = _content.Locales.Supported(value.Value) ?? turn.Culture;
                    break;
                case "audience":
                    _user = _user with { Audience = value.Value };
                    break;
                default:
                    _user = _user with { Memory = _user.Memory.SetItem(name, value) };
                    break;
            }
        }

        private string? Slot(string name) => name switch
        {
            Condition.Suspended => _suspended.IsEmpty ? null : "true",
            "language" => _user.Language,
            "audience" => _user.Audience,
            _ => _user.Memory.TryGetValue(name, out var v) ? v.Value : null,
        };

        /// <summary>Placeholder values: remembered answers (a choice in the current language), then the school
        /// profile, formatted for the reader's culture.</summary>
        private string? Placeholder(string name, string? format)
        {
            if (_user.Memory.TryGetValue(name, out var value))
                return value.ChoiceKey is null ? value.Value : _content.Locales.Render(value.ChoiceKey, turn.Culture);
            if (Slot(name) is { } slot) return slot;
            return runtime.Profile.Find(name) is { } fact ? SchoolProfile.Format(fact, format, runtime.CultureOf(turn.Culture)) : null;
        }

        private string Render(string key) => _content.Locales.Render(key, turn.Culture, Placeholder);

        private void Say(string key, string inputHint = InputHints.AcceptingInput)
        {
            var reply = turn.Activity.CreateReply() with { Text = Render(key), Locale = turn.Culture, InputHint = inputHint };
            turn.Send(new BotReply(key, reply, []));
        }

        private void Card(DialogDefinition dialog, CardStep card)
        {
            IReadOnlyList<CardAction>? buttons = null;
            if (card.Link is not null && runtime.Profile.Find(card.Link) is { Length: > 0 } url)
                buttons = [CardAction.OpenUrl(Render(card.LinkKey(dialog)), url)];
            var hero = new HeroCard { Title = Render(card.TitleKey(dialog)), Text = Render(card.TextKey(dialog)), Buttons = buttons };
            var reply = turn.Activity.CreateReply() with { Locale = turn.Culture, Attachments = [hero.ToAttachment()] };
            turn.Send(new BotReply(dialog.Key(card.Key), reply, []));
        }

        private void Prompt(DialogDefinition dialog, ChooseStep choose, bool reprompt)
        {
            var visible = Visible(choose);
            var promptKey = reprompt
                ? _content.Locales.Find(choose.RepromptKey(dialog), turn.Culture) is null ? "common.reprompt" : choose.RepromptKey(dialog)
                : choose.PromptKey(dialog);
            var text = Render(promptKey);
            if (reprompt && promptKey == "common.reprompt") text = text + "\n\n" + Render(choose.PromptKey(dialog));
            var choiceKeys = visible.Select(c => choose.ChoiceKey(dialog, c)).ToArray();
            var reply = turn.Activity.CreateReply() with
            {
                Text = text,
                Locale = turn.Culture,
                InputHint = InputHints.ExpectingInput,
                SuggestedActions = new SuggestedActions { Actions = choiceKeys.Select(k => CardAction.ImBack(Render(k))).ToArray() },
            };
            turn.Send(new BotReply(promptKey, reply, choiceKeys));
        }

        private List<Choice> Visible(ChooseStep choose) =>
            choose.Choices.Where(c => c.When is null || c.When.Evaluate(Slot)).ToList();

        /// <summary>An answer is a choice's number, its text, one of its synonyms, or a card's submitted choice id.</summary>
        private Choice? Match(DialogDefinition dialog, ChooseStep choose)
        {
            var visible = Visible(choose);
            if (turn.Activity.Value is { ValueKind: JsonValueKind.Object } value
                && value.TryGetProperty("choice", out var submitted) && submitted.ValueKind == JsonValueKind.String)
            {
                return visible.FirstOrDefault(c => c.Id == submitted.GetString());
            }
            var answer = TextNormalizer.Fold(turn.Text);
            if (answer.Length == 0) return null;
            if (int.TryParse(answer, out var number)) return number >= 1 && number <= visible.Count ? visible[number - 1] : null;

            Choice? contained = null;
            var containedCount = 0;
            foreach (var choice in visible)
            {
                foreach (var form in runtime.FoldedAnswers(turn.Culture, choose.ChoiceKey(dialog, choice), choose.SynonymsKey(dialog, choice)))
                {
                    if (form == answer) return choice;
                    if (form.Length >= 3 && ContainsWords(answer, form) && !ReferenceEquals(contained, choice))
                    {
                        contained = choice;
                        containedCount++;
                    }
                }
            }
            // A sentence that mentions exactly one choice ("ik denk de inhoud") selects it; two mentions are ambiguous.
            return containedCount == 1 ? contained : null;
        }

        private static bool ContainsWords(string text, string phrase)
        {
            var index = text.IndexOf(phrase, StringComparison.Ordinal);
            while (index >= 0)
            {
                var before = index == 0 || text[index - 1] == ' ';
                var after = index + phrase.Length == text.Length || text[index + phrase.Length] == ' ';
                if (before && after) return true;
                index = text.IndexOf(phrase, index + 1, StringComparison.Ordinal);
            }
            return false;
        }
    }

    private readonly ConcurrentDictionary<string, System.Globalization.CultureInfo> _cultures = new(StringComparer.OrdinalIgnoreCase);

    private System.Globalization.CultureInfo CultureOf(string culture) => _cultures.GetOrAdd(culture, System.Globalization.CultureInfo.GetCultureInfo);

    private IReadOnlyList<(string Culture, string[] Aliases)>? _aliases;

    /// <summary>Each language's own name and the ways people write it, from that language's own locale only
    /// (a fallback would make every language answer to "English").</summary>
    private IReadOnlyList<(string Culture, string[] Aliases)> LanguageAliases() => _aliases ??= Content.Locales.Cultures
        .Select(culture =>
        {
            var own = Content.Locales.StringsOf(culture);
            var names = new[] { "locale.name", "locale.aliases" }
                .Where(own.ContainsKey)
                .SelectMany(k => own[k].Text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(n => TextNormalizer.Fold(n)).Where(n => n.Length > 0).Distinct().ToArray();
            return (culture, names);
        })
        .ToList();

    /// <summary>The choice text and its synonyms, folded once per culture: matching runs on every answer.</summary>
    private string[] FoldedAnswers(string culture, string choiceKey, string synonymsKey) =>
        _foldedAnswers.GetOrAdd((culture, choiceKey), _ =>
        {
            var forms = new List<string>();
            if (Content.Locales.Find(choiceKey, culture) is { } text) forms.Add(TextNormalizer.Fold(LocaleCatalogText.StripPlaceholders(text.Text)));
            if (Content.Locales.Find(synonymsKey, culture) is { } synonyms)
                forms.AddRange(synonyms.Text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => TextNormalizer.Fold(s)));
            return forms.Where(f => f.Length > 0).Distinct().ToArray();
        });
}

internal static class LocaleCatalogText
{
    public static string StripPlaceholders(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\{[^}]*\}", "");
}
