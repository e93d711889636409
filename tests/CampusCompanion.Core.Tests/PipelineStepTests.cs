using System.Collections.Immutable;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Localization;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Core.Safety;
using CampusCompanion.Core.State;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Tests;

/// <summary>Each pipeline step on its own.</summary>
public sealed class PipelineStepTests
{
    private static readonly StateKey Key = new("test", "c1", "u1");

    private static TurnContext Turn(Activity activity, StateSnapshot? loaded = null) => new(activity, Key, loaded ?? StateSnapshot.New);

    private static Activity Message(string text, string? locale = null) => new()
    {
        Type = ActivityTypes.Message, Text = text, Locale = locale, ChannelId = "test",
        Conversation = new() { Id = "c1" }, From = new() { Id = "u1" }, Recipient = new() { Id = "28:bot", Name = "CampusCompanion" },
    };

    private static async Task<TurnContext> RunAsync(ITurnStep step, TurnContext turn)
    {
        var nextRan = false;
        await step.InvokeAsync(turn, (_, _) => { nextRan = true; return ValueTask.CompletedTask; }, default);
        Assert.True(nextRan, "every step passes the turn on");
        return turn;
    }

    [Fact]
    public async Task Normalize_StripsTheBotsTeamsMention_AndKeepsOthers()
    {
        var activity = Message("<at>CampusCompanion</at>   hoi   <at>Fatima</at>!") with
        {
            Entities =
            [
                new Entity { Type = "mention", Mentioned = new() { Id = "28:bot", Name = "CampusCompanion" }, Text = "<at>CampusCompanion</at>" },
                new Entity { Type = "mention", Mentioned = new() { Id = "29:f", Name = "Fatima" }, Text = "<at>Fatima</at>" },
            ],
        };
        var turn = await RunAsync(new NormalizeStep(), Turn(activity));
        Assert.Equal("hoi Fatima !", turn.Text);
    }

    [Fact]
    public async Task Normalize_CapsVeryLongMessages()
    {
        var turn = await RunAsync(new NormalizeStep(), Turn(Message(new string('a', 10_000))));
        Assert.Equal(NormalizeStep.MaxTextLength, turn.Text.Length);
    }

    [Fact]
    public async Task Language_PrefersTheUsersChoice_ThenTheChannelLocale_ThenTheDefault()
    {
        using var services = TestHost.Build();
        var step = services.GetRequiredService<LanguageStep>();
        var chosen = StateSnapshot.New with { User = UserState.Empty with { Language = "en" } };
        Assert.Equal("en", (await RunAsync(step, Turn(Message("hoi", "nl-NL"), chosen))).Culture);
        Assert.Equal("nl", (await RunAsync(step, Turn(Message("hi", "nl-BE")))).Culture);
        Assert.Equal("en", (await RunAsync(step, Turn(Message("hi", "en-GB")))).Culture);
        Assert.Equal("nl", (await RunAsync(step, Turn(Message("hi", "xx-YY")))).Culture);
    }

    [Theory]
    [InlineData("ik wil niet meer leven")]
    [InlineData("Ik denk aan ZELFMOORD")]
    [InlineData("i want to k1ll mys3lf")]
    public async Task SafetyScreen_InterruptsOnDangerSignals(string text)
    {
        var lexicon = LoadLexicon();
        var turn = Turn(Message(text));
        turn.Text = text;
        await RunAsync(new SafetyScreenStep(lexicon, new ExampleIntentRecognizer([]), Options.Create(new RecognitionOptions()), NullLogger<SafetyScreenStep>.Instance), turn);
        Assert.Equal(new Interruption(InterruptionKind.Crisis, "crisis"), turn.Interruption);
    }

    [Theory]
    [InlineData("ik ga dood van het lachen")]
    [InlineData("I'm dying to start my internship")]
    [InlineData("wanneer is de deadline")]
    public async Task SafetyScreen_LetsFigurativeSpeechThrough(string text)
    {
        var turn = Turn(Message(text));
        turn.Text = text;
        await RunAsync(new SafetyScreenStep(LoadLexicon(), new ExampleIntentRecognizer([]), Options.Create(new RecognitionOptions()), NullLogger<SafetyScreenStep>.Instance), turn);
        Assert.Null(turn.Interruption);
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(0.4, false)]
    public async Task SafetyScreen_TheClassifierAloneFiresWhenItIsSure(double crisisScore, bool fires)
    {
        var recognizer = new FixedRecognizer(new IntentResult("crisis", crisisScore, [new IntentScore("crisis", crisisScore), new IntentScore("coping", 1 - crisisScore)]));
        var turn = Turn(Message("a phrase no lexicon knows"));
        turn.Text = "a phrase no lexicon knows";
        await RunAsync(new SafetyScreenStep(new CrisisLexicon([], []), recognizer, Options.Create(new RecognitionOptions()), NullLogger<SafetyScreenStep>.Instance), turn);
        Assert.Equal(fires, turn.Interruption?.Kind == InterruptionKind.Crisis);
        Assert.Same(recognizer.Result, turn.Intent);
    }

    private sealed class FixedRecognizer(IntentResult result) : IIntentRecognizer
    {
        public IntentResult Result => result;
        public IntentResult Recognize(string text, string culture) => result;
    }

    [Fact]
    public async Task Recognize_TurnsAGlobalCommandIntoAnInterruption_InAnyLanguage()
    {
        using var services = TestHost.Build();
        var step = services.GetRequiredService<RecognizeStep>();
        foreach (var (text, command) in new[] { ("Menu", "menu"), ("stoppen", "stop"), ("help", "help"), ("taal", "language"), ("language", "language") })
        {
            var turn = Turn(Message(text));
            turn.Text = text;
            turn.Culture = "nl";
            await RunAsync(step, turn);
            Assert.Equal(new Interruption(InterruptionKind.Command, command), turn.Interruption);
        }
    }

    [Fact]
    public async Task Recognize_LabelsEveryMessage_TheRuntimeDecidesWhatWins()
    {
        using var services = TestHost.Build();
        var step = services.GetRequiredService<RecognizeStep>();
        var waiting = StateSnapshot.New with { Conversation = ConversationState.Empty with { Stack = [new DialogFrame("study_choice", 1)] } };
        var turn = Turn(Message("hallo"), waiting);
        turn.Text = "hallo";
        await RunAsync(step, turn);
        Assert.NotNull(turn.Intent);
        Assert.Null(turn.Interruption);
    }

    [Fact]
    public async Task Recognize_DoesNotOverrideACrisis()
    {
        using var services = TestHost.Build();
        var turn = Turn(Message("menu"));
        turn.Text = "menu";
        turn.Interruption = new Interruption(InterruptionKind.Crisis, "crisis");
        await RunAsync(services.GetRequiredService<RecognizeStep>(), turn);
        Assert.Equal(InterruptionKind.Crisis, turn.Interruption!.Kind);
    }

    [Fact]
    public async Task SaveState_WritesNothingWhenNothingChanged()
    {
        var store = new RecordingStore();
        var turn = Turn(new Activity { Type = ActivityTypes.Typing, Conversation = new() { Id = "c1" } });
        await new SaveStateStep(store, new InMemoryPersonalDataEraser(new())).InvokeAsync(turn, (_, _) => ValueTask.CompletedTask, default);
        Assert.Equal(SaveOutcome.Saved, turn.Saved);
        Assert.Equal(0, store.Saves);
    }

    [Fact]
    public async Task SaveState_SavesChangesAfterTheInnerSteps_AndReportsConflicts()
    {
        var store = new RecordingStore { Outcome = SaveOutcome.Conflict };
        var turn = Turn(Message("hoi"));
        await new SaveStateStep(store, new InMemoryPersonalDataEraser(new())).InvokeAsync(turn, (t, _) =>
        {
            t.Conversation = t.Conversation with { Welcomed = true };
            return ValueTask.CompletedTask;
        }, default);
        Assert.Equal(1, store.Saves);
        Assert.True(store.LastConversation!.Welcomed);
        Assert.Equal(SaveOutcome.Conflict, turn.Saved);
    }

    [Fact]
    public async Task SaveState_ErasesInsteadOfSaving_WhenTheUserAskedForIt()
    {
        var store = new RecordingStore();
        var index = new InMemoryPersonalDataIndex();
        var erased = 0;
        index.Add("test", "u1", "anything", () => erased++);
        var turn = Turn(Message("ja, verwijder"));
        await new SaveStateStep(store, new InMemoryPersonalDataEraser(index)).InvokeAsync(turn, (t, _) =>
        {
            t.Conversation = t.Conversation with { Welcomed = true };
            t.EraseUserData = true;
            return ValueTask.CompletedTask;
        }, default);
        Assert.Equal(1, erased);
        Assert.Equal(0, store.Saves);
    }

    [Fact]
    public async Task Pipeline_RunsStepsInOrder_InboundThenOutbound()
    {
        var log = new List<string>();
        var pipeline = new TurnPipeline([new Tracing("a", log), new Tracing("b", log), new Tracing("c", log)]);
        await pipeline.RunAsync(Turn(Message("x")), default);
        Assert.Equal(["a>", "b>", "c>", "<c", "<b", "<a"], log);
    }

    private sealed class Tracing(string name, List<string> log) : ITurnStep
    {
        public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
        {
            log.Add(name + ">");
            await next(turn, ct);
            log.Add("<" + name);
        }
    }

    internal static CrisisLexicon LoadLexicon() => CrisisLexicon.Load(Path.Combine(AppContext.BaseDirectory, "locales"), []);

    internal sealed class RecordingStore : IConversationStateStore
    {
        public SaveOutcome Outcome { get; set; } = SaveOutcome.Saved;
        public int Saves { get; private set; }
        public ConversationState? LastConversation { get; private set; }

        public Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct) => Task.FromResult(StateSnapshot.New);

        public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct)
        {
            Saves++;
            LastConversation = conversation;
            return Task.FromResult(Outcome);
        }
    }
}
