using System.Text.RegularExpressions;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Core.Tests;

/// <summary>The research's tone (seeds/003_552c4ec3ab7be9f6.txt): invite, offer choices, never order. No text the
/// bot says may tell a student or parent what they "must" do, in any language.</summary>
public sealed class ToneTests
{
    /// <summary>Imperatives of obligation per language, matched on folded text (lower case, no diacritics) as whole
    /// words. "Nie musisz" / "не мусиш" (you don't have to) are kind, so a negation just before is allowed.</summary>
    private static readonly Dictionary<string, Regex> Obligation = new()
    {
        ["nl"] = Words(@"je moet|moet je|jij moet|moet jij|u moet|moet u|jullie moeten|moeten jullie"),
        ["en"] = Words(@"you must|you have to|you should|you ought to|you ve got to|you got to"),
        ["tr"] = Words(@"zorundasin|zorundasiniz|mecbursun|mecbursunuz|\w+(?:mali|meli)sin(?:iz)?"),
        ["ar"] = Words(@"يجب عليك|يجب عليكم|يجب ان تذهب|عليك ان|عليكم ان|لازم عليك"),
        ["pl"] = Words(@"(?<!nie )(?:musisz|musicie|musi pan|musi pani|powinienes|powinnas|powinniscie)"),
        ["uk"] = Words(@"(?<!не )(?:мусиш|мусите|ти повинен|ти повинна|ви повинні|ти зобов язаний|ви зобов язані)"),
    };

    private static Regex Words(string alternatives) => new($@"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant);

    public static TheoryData<string> Cultures => new(Obligation.Keys);

    [Theory]
    [MemberData(nameof(Cultures))]
    public void NoTextTellsAnyoneWhatTheyMustDo(string culture)
    {
        using var services = TestHost.Build();
        var content = BotContent.Load(services.GetRequiredService<IOptions<ContentOptions>>().Value);
        var violations = content.Locales.StringsOf(culture)
            .Where(kv => IsSaid(kv.Key) && Obligation[culture].IsMatch(TextNormalizer.Fold(kv.Value.Text)))
            .Select(kv => $"{kv.Value.Location}: {kv.Key}: \"{kv.Value.Text}\"")
            .ToList();
        Assert.True(violations.Count == 0, "Inviting language, please (\"shall we…\", \"would you like…\"):\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("nl", "Je moet nu echt naar de decaan.")]
    [InlineData("nl", "Dan moet je je SLB'er mailen.")]
    [InlineData("en", "You have to book an appointment first.")]
    [InlineData("tr", "Dekana gitmelisin.")]
    [InlineData("tr", "Bunu yapmak zorundasın.")]
    [InlineData("ar", "يجب عليك أن تتحدث مع العميد.")]
    [InlineData("pl", "Musisz porozmawiać z dziekanem.")]
    [InlineData("uk", "Ти мусиш поговорити з деканом.")]
    public void TheCheckRecognisesOrders(string culture, string text) =>
        Assert.Matches(Obligation[culture], TextNormalizer.Fold(text));

    [Theory]
    [InlineData("nl", "Je hoeft het niet alleen te doen. Zullen we samen kijken?")]
    [InlineData("nl", "Je moeder en je mentor denken graag mee.")]
    [InlineData("en", "If you need to talk, a buddy is there for you.")]
    [InlineData("tr", "İstersen bir randevu alalım mı?")]
    [InlineData("pl", "Nie musisz tego robić sam.")]
    [InlineData("uk", "Ти не мусиш робити це сам.")]
    public void InvitingTextPasses(string culture, string text) =>
        Assert.DoesNotMatch(Obligation[culture], TextNormalizer.Fold(text));

    /// <summary>Synonyms, command words and a language's own names are what users type, not what the bot says.</summary>
    private static bool IsSaid(string key) =>
        !key.StartsWith("locale.", StringComparison.Ordinal) && !key.StartsWith("commands.", StringComparison.Ordinal) && !key.Contains(".synonyms.", StringComparison.Ordinal);
}
