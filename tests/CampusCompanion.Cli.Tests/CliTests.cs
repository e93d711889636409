using CampusCompanion.Cli;

namespace CampusCompanion.Cli.Tests;

public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CampusCli.RunAsync(args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string BrokenFixture()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CampusCompanion.sln"))) dir = dir.Parent;
        return Path.Combine(dir.FullName, "tests", "CampusCompanion.Core.Tests", "Fixtures", "broken");
    }

    [Fact]
    public async Task Validate_ShippedContent_ExitsZero()
    {
        var (exit, output, error) = await RunAsync("", "validate");
        Assert.True(exit == 0, error);
        Assert.Contains("0 errors", output);
        Assert.Contains("en, nl", output);
    }

    [Fact]
    public async Task Validate_BrokenContent_ExitsOne_AndNamesFileAndLine()
    {
        var (exit, output, error) = await RunAsync("", "validate", "--content", BrokenFixture());
        Assert.Equal(1, exit);
        Assert.Contains("dialogs/broken.yaml:6: error CC1020: goto 'nowhere'", error);
        Assert.Contains("locales/nl/common.yaml:10: error CC2012", error);
        Assert.Matches(@"\d+ errors", output);
    }

    [Fact]
    public async Task Chat_TalksWithTheBotInProcess_InTheChosenLanguage()
    {
        var (exit, output, _) = await RunAsync("1\nbanaan\n2\n/quit\n", "chat", "--locale", "nl");
        Assert.Equal(0, exit);
        Assert.Contains("bot: Hoi! Ik ben CampusCompanion", output);
        Assert.Contains("1) Nadenken over mijn studiekeuze", output);
        Assert.Contains("bot: Dat begreep ik niet helemaal", output);
        Assert.Contains("bot: Stel dat niemand er iets van zou vinden", output);

        var (_, english, _) = await RunAsync("", "chat", "--locale", "en");
        Assert.Contains("bot: Hi! I'm CampusCompanion", english);
    }

    [Fact]
    public async Task Chat_RefusesBrokenContent()
    {
        var (exit, _, error) = await RunAsync("", "chat", "--content", BrokenFixture());
        Assert.Equal(1, exit);
        Assert.Contains("dialogs/broken.yaml:6", error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("validate", "--bogus")]
    public async Task BadArguments_ExitTwoWithUsage(params string[] args)
    {
        var (exit, _, error) = await RunAsync("", args);
        Assert.Equal(2, exit);
        Assert.Contains("Usage:", error);
    }

    private static string CopyOfShippedContent()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CampusCompanion.sln"))) dir = dir.Parent;
        var copy = Directory.CreateTempSubdirectory("campus-content-").FullName;
        foreach (var folder in new[] { "dialogs", "locales" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(dir.FullName, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(dir.FullName, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        File.Copy(Path.Combine(dir.FullName, "profile.yaml"), Path.Combine(copy, "profile.yaml"));
        return copy;
    }

    [Fact]
    public async Task Validate_ListsTheTranslationsWhoseDutchTextChanged_PerLanguage()
    {
        var content = CopyOfShippedContent();
        try
        {
            var (stampExit, stamped, _) = await RunAsync("", "translations", "stamp", "all", "--content", content);
            Assert.Equal(0, stampExit);
            Assert.Contains("en: recorded the Dutch version of", stamped);
            var (_, fresh, _) = await RunAsync("", "validate", "--content", content);
            Assert.Contains("translations en: 0 stale, 0 without a recorded Dutch version", fresh);

            var dutch = Path.Combine(content, "locales", "nl", "welcome.yaml");
            var text = File.ReadAllText(dutch);
            var original = System.Text.RegularExpressions.Regex.Match(text, @"hello: ""[^""]*""").Value;
            File.WriteAllText(dutch, text.Replace(original, @"hello: ""Hallo! Ik ben CampusCompanion, de chatbot van {school.name}. Welkom!"""));

            var (exit, output, _) = await RunAsync("", "validate", "--content", content);
            Assert.Equal(0, exit);
            Assert.Contains("translations en: 1 stale, 0 without a recorded Dutch version", output);
            Assert.Matches(@"locales/en/welcome\.yaml:\d+: warning CC2014: en: 'welcome\.hello' is stale", output);

            // After re-translating, the translator records it and the warning is gone.
            var (_, _, _) = await RunAsync("", "translations", "stamp", "en", "welcome.hello", "--content", content);
            var (_, after, _) = await RunAsync("", "validate", "--content", content);
            Assert.Contains("translations en: 0 stale", after);
            Assert.DoesNotContain("en: 'welcome.hello' is stale", after);
            Assert.Contains("tr: 'welcome.hello' is stale", after);
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }
}
