using CampusCompanion.Core.Content;

namespace CampusCompanion.Core.Tests;

public sealed class ContentValidationTests
{
    private static readonly string[] SixLanguages = ["nl", "en", "tr", "ar", "pl", "uk"];

    private static BotContent Load(string root, List<string>? required = null) => BotContent.Load(new ContentOptions
    {
        DialogsPath = Path.Combine(root, "dialogs"),
        LocalesPath = Path.Combine(root, "locales"),
        ProfilePath = Path.Combine(root, "profile.yaml"),
        RequiredLocales = required ?? ["nl", "en"],
    });

    [Fact]
    public void EveryKey_ExistsInAllSixLanguages_AndTheShippedSettingsRequireThem()
    {
        var content = Load(AppContext.BaseDirectory, [.. SixLanguages]);
        Assert.True(!content.HasErrors, string.Join(Environment.NewLine, content.Diagnostics));
        Assert.DoesNotContain(content.Diagnostics, d => d.Code is "CC2011" or "CC2014" or "CC2015");
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var required = settings.RootElement.GetProperty("Content").GetProperty("RequiredLocales").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Superset(new HashSet<string?>(SixLanguages), new HashSet<string?>(required));
    }

    [Fact]
    public void ShippedContent_HasNoErrors()
    {
        var content = Load(AppContext.BaseDirectory);
        Assert.True(!content.HasErrors, string.Join(Environment.NewLine, content.Diagnostics));
        Assert.True(content.Dialogs.Count >= 5);
    }

    [Fact]
    public void BrokenFixture_NamesFileAndLineOfEveryError()
    {
        var content = Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken"));
        var found = content.Diagnostics.Select(d => d.ToString()).ToList();
        string Describe() => string.Join(Environment.NewLine, found);

        void Expect(string code, string location, string fragment) =>
            Assert.True(found.Any(d => d.StartsWith(location + ":", StringComparison.Ordinal) && d.Contains(code) && d.Contains(fragment)),
                $"expected {code} at {location} mentioning '{fragment}' in:{Environment.NewLine}{Describe()}");

        Expect("CC1001", "dialogs/bad_yaml.yaml:3", "bad YAML");
        Expect("CC1020", "dialogs/broken.yaml:6", "nowhere");
        Expect("CC1024", "dialogs/broken.yaml:7", "never be reached");
        Expect("CC1023", "dialogs/broken.yaml:10", "lonely");
        Expect("CC1021", "dialogs/broken.yaml:11", "ghost");
        Expect("CC2010", "dialogs/broken.yaml:7", "'broken.orphan' is missing in locales/nl/");
        Expect("CC2012", "locales/nl/common.yaml:10", "unused.key");
        Expect("CC2013", "locales/en/common.yaml:4", "{name}");
        Expect("CC3004", "dialogs/broken.test.yaml:6", "broken.no_such_key");
        Expect("CC4003", "locales/nl/common.yaml:11", "school.no_such_fact");
        Expect("CC4004", "profile.yaml:4", "programme.start");
        Expect("CC4005", "locales/nl/common.yaml:12", "{programme.start:colour}");
        Assert.True(content.HasErrors);
    }

    [Fact]
    public void StartUp_RefusesBrokenContent_WithEveryError()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken");
        var ex = Assert.Throws<ContentValidationException>(() => BotContent.LoadOrThrow(new ContentOptions
        {
            DialogsPath = Path.Combine(root, "dialogs"),
            LocalesPath = Path.Combine(root, "locales"),
            ProfilePath = Path.Combine(root, "profile.yaml"),
        }));
        Assert.Contains("dialogs/broken.yaml:6", ex.Message);
        Assert.All(ex.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void ContentRead_IsTheRepositorysOwn()
    {
        // The build links the root dialogs/ and locales/ into every output; prove these are those files, byte for byte.
        var repo = RepositoryRoot();
        foreach (var folder in new[] { "dialogs", "locales" })
        {
            var source = Directory.EnumerateFiles(Path.Combine(repo, folder), "*.yaml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(repo, f)).Order().ToList();
            var copied = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.yaml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f)).Order().ToList();
            Assert.Equal(source, copied);
            foreach (var file in source)
                Assert.Equal(File.ReadAllBytes(Path.Combine(repo, file)), File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)));
        }
        foreach (var file in new[] { "appsettings.json", "profile.yaml" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(repo, file)), File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CampusCompanion.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CampusCompanion.sln not found above " + AppContext.BaseDirectory);
    }
}
