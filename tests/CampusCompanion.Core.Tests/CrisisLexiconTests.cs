using CampusCompanion.Core.Safety;

namespace CampusCompanion.Core.Tests;

public sealed class CrisisLexiconTests
{
    private static readonly CrisisLexicon Arabic = new([("ar", "انتحار*"), ("ar", "اقتل نفسي")], [("ar", "منع الانتحار")]);

    [Theory]
    [InlineData("أفكر في الانتحار")]          // the article
    [InlineData("وبالانتحار أفكر كل ليلة")]   // and + with + the
    [InlineData("أفكر فالانتحار")]             // so + the
    [InlineData("لا أفكر إلا للانتحار")]       // for + the, the article's alef dropped
    [InlineData("بدي اقتل نفسي")]
    [InlineData("واقتل نفسي")]
    public void ArabicProclitics_DoNotHideASignal(string text) => Assert.Equal("ar", Arabic.Match(text));

    [Theory]
    [InlineData("عندنا محاضرة عن منع الانتحار")]  // suicide prevention: an exclusion
    [InlineData("قتلت الوقت في المكتبة")]
    [InlineData("وانتظرت الباص")]
    public void ArabicWithoutASignal_OrExcluded_IsNoCrisis(string text) => Assert.Null(Arabic.Match(text));

    [Fact]
    public void LatinWords_AreMatchedAsWritten()
    {
        var lexicon = new CrisisLexicon([("en", "kill* myself")], []);
        Assert.Equal("en", lexicon.Match("I want to kill myself"));
        Assert.Null(lexicon.Match("skill myself up"));
    }
}
