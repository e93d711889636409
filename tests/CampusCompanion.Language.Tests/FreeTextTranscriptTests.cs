using CampusCompanion.Core.Content;
using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Language.Tests;

/// <summary>Plays the <c>dialogs/*.nlu.test.yaml</c> transcripts, whose users type as people do, with the trained
/// recognizer and language identifier the bot runs with.</summary>
public sealed class FreeTextTranscriptTests
{
    private static readonly string DialogsRoot = Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static TheoryData<string> Transcripts()
    {
        var data = new TheoryData<string>();
        foreach (var test in TranscriptScript.LoadAll(DialogsRoot, []).Where(TranscriptScript.IsFreeText)) data.Add(test.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript(string test)
    {
        var diagnostics = new List<Diagnostic>();
        var script = TranscriptScript.LoadAll(DialogsRoot, diagnostics).Single(t => t.ToString() == test);
        Assert.Empty(diagnostics);
        using var services = NluHost.Build();
        var failures = await TranscriptRunner.RunAsync(services.GetRequiredService<TurnProcessor>(), script);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryLanguageHasFreeTextTranscripts()
    {
        var locales = TranscriptScript.LoadAll(DialogsRoot, []).Where(TranscriptScript.IsFreeText).Select(t => t.Locale).ToHashSet();
        Assert.Superset(new HashSet<string> { "tr", "ar", "pl", "uk" }, locales);
    }
}
