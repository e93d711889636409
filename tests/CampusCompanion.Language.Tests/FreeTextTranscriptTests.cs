using CampusCompanion.Core.Dialogs;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Language.Tests;

/// <summary>Plays the <c>dialogs/*.nlu.test.yaml</c> transcripts, whose users type as people do, with the trained
/// recognizer and language identifier the bot runs with.</summary>
public sealed class FreeTextTranscriptTests
{
    private static readonly string DialogsRoot = Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static TheoryData<string> Transcripts() => new(TranscriptRunner.Names(DialogsRoot, TranscriptScript.IsFreeText));

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript(string test)
    {
        using var services = NluHost.Build();
        var failures = await TranscriptRunner.RunAsync(services.GetRequiredService<TurnProcessor>(), DialogsRoot, test);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryLanguageHasFreeTextTranscripts()
    {
        var locales = TranscriptScript.LoadAll(DialogsRoot, []).Where(TranscriptScript.IsFreeText).Select(t => t.Locale).ToHashSet();
        Assert.Superset(new HashSet<string> { "tr", "ar", "pl", "uk" }, locales);
    }
}
