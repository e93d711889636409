using CampusCompanion.Core.Content;
using CampusCompanion.Core.Dialogs;

namespace CampusCompanion.Core.Tests;

/// <summary>Runs every <c>dialogs/*.test.yaml</c> transcript against the real content and pipeline.</summary>
public sealed class TranscriptTests
{
    private static readonly string DialogsRoot = Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static TheoryData<string> Transcripts() => new(TranscriptRunner.Names(DialogsRoot, t => !TranscriptScript.IsFreeText(t)));

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript(string test)
    {
        using var services = TestHost.Build();
        var failures = await TranscriptRunner.RunAsync(TestHost.Processor(services), DialogsRoot, test);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryDialogHasTranscripts()
    {
        var tests = TranscriptScript.LoadAll(DialogsRoot, []);
        Assert.NotEmpty(tests);
        Assert.Contains(tests, t => t.Locale == "nl");
        Assert.Contains(tests, t => t.Locale == "en");
    }

    [Fact]
    public async Task Runner_ReportsAWrongKey_SoTranscriptsCanFail()
    {
        var script = new TranscriptTest("wrong on purpose", "nl", new SourceLocation("inline", 1),
        [
            new TranscriptLine(TranscriptLineKind.User, "hoi", [], new SourceLocation("inline", 2)),
            new TranscriptLine(TranscriptLineKind.Bot, "menu.main.prompt", [], new SourceLocation("inline", 3)),
        ]);
        using var services = TestHost.Build();
        var failures = await TranscriptRunner.RunAsync(TestHost.Processor(services), script);
        Assert.Contains(failures, f => f.Contains("expected 'menu.main.prompt' but the bot said 'welcome.hello'"));
        Assert.Contains(failures, f => f.Contains("at the end the bot also said"));
    }
}
