using CampusCompanion.Core.Content;
using CampusCompanion.Core.Localization;
using Microsoft.Extensions.Localization;

namespace CampusCompanion.Core.Tests;

public sealed class LocaleCatalogTests
{
    private static LocaleCatalog Catalog(params (string Culture, string Key, string Text)[] strings) => new(
        strings.GroupBy(s => s.Culture).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, LocaleString>)g.ToDictionary(s => s.Key, s => new LocaleString(s.Text, new SourceLocation("test", 1)))),
        fallbackLocale: "en");

    [Fact]
    public void FallsBack_FromRegionToLanguageToEnglish()
    {
        var catalog = Catalog(("nl", "a", "nl-a"), ("en", "a", "en-a"), ("en", "b", "en-b"), ("nl-BE", "c", "be-c"));
        Assert.Equal(["nl-BE", "nl", "en"], catalog.FallbackChain("nl-BE"));
        Assert.Equal("be-c", catalog.Render("c", "nl-BE"));
        Assert.Equal("nl-a", catalog.Render("a", "nl-BE"));
        Assert.Equal("en-b", catalog.Render("b", "nl-BE"));
        Assert.Equal("nl", catalog.Supported("nl-NL"));
        Assert.Null(catalog.Supported("fr-FR"));
    }

    [Fact]
    public void RendersNamedPlaceholders_AndShowsUnknownKeysVisibly()
    {
        var catalog = Catalog(("en", "hello", "Hi {name}, welcome to {school.name}"));
        Assert.Equal("Hi Sara, welcome to {school.name}", catalog.Render("hello", "en", (k, _) => k == "name" ? "Sara" : null));
        Assert.Equal("no.such.key", catalog.Render("no.such.key", "en"));
    }

    [Theory]
    [InlineData("nl", "€ 2.601", "1.300,5", "maandag 7 september 2026")]
    [InlineData("en", "€2,601", "1,300.5", "Monday, September 7, 2026")]
    [InlineData("tr", "€2.601", "1.300,5", "7 Eylül 2026 Pazartesi")]
    [InlineData("pl", "2 601 €", "1 300,5", "poniedziałek, 7 września 2026")]
    public void ProfileFacts_AreFormattedForTheReader(string culture, string money, string number, string date)
    {
        var info = System.Globalization.CultureInfo.GetCultureInfo(culture);
        Assert.Equal(Norm(money), Norm(SchoolProfile.Format("2601", "money", info)));
        Assert.Equal(Norm(number), Norm(SchoolProfile.Format("1300.50", "number", info)));
        Assert.Equal(Norm(date), Norm(SchoolProfile.Format("2026-09-07", "date", info)));
        Assert.Equal("not a number", SchoolProfile.Format("not a number", "money", info));
    }

    [Fact]
    public void ArabicDates_StayGregorian()
    {
        var formatted = SchoolProfile.Format("2026-09-07", "date", System.Globalization.CultureInfo.GetCultureInfo("ar"));
        Assert.Contains("2026", formatted);
    }

    // Cultures differ in which space they put between number and currency; the test is about the order and digits.
    private static string Norm(string s) => s.Replace('\u00a0', ' ').Replace('\u202f', ' ').Replace("  ", " ");

    [Fact]
    public void RightToLeft_IsData()
    {
        var catalog = Catalog(("ar", LocaleCatalog.DirectionKey, "rtl"), ("en", LocaleCatalog.DirectionKey, "ltr"));
        Assert.Equal(TextDirection.RightToLeft, catalog.Direction("ar-MA"));
        Assert.Equal(TextDirection.LeftToRight, catalog.Direction("en"));
    }

    [Fact]
    public void StringLocalizer_ServesTheCatalog_ForAnExplicitCulture()
    {
        var catalog = Catalog(("nl", "menu.prompt", "Waarmee kan ik helpen?"), ("en", "menu.prompt", "How can I help?"), ("en", "n", "{0} items"));
        IStringLocalizerFactory factory = new CatalogStringLocalizerFactory(catalog);
        var nl = ((CatalogStringLocalizerFactory)factory).ForCulture("nl-BE");
        Assert.Equal("Waarmee kan ik helpen?", nl["menu.prompt"].Value);
        Assert.False(nl["menu.prompt"].ResourceNotFound);
        Assert.True(nl["missing"].ResourceNotFound);
        Assert.Equal("3 items", nl["n", 3].Value);
        Assert.Contains(nl.GetAllStrings(includeParentCultures: true), s => s.Name == "n");
    }

    [Fact]
    public void LoadsNestedYamlAsDottedKeys_WithLineNumbers()
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = LocaleCatalog.Load(Path.Combine(AppContext.BaseDirectory, "locales"), "en", diagnostics);
        Assert.Empty(diagnostics);
        var prompt = catalog.Find("menu.main.prompt", "nl")!;
        Assert.Equal("Waar zal ik je mee helpen?", prompt.Text);
        Assert.Equal("locales/nl/welcome.yaml", prompt.Location.File);
        Assert.True(prompt.Location.Line > 1);
    }
}
