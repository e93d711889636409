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
}
