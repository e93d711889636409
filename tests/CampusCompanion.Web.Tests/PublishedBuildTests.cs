using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CampusCompanion.Web.Tests;

/// <summary>The root appsettings.json, dialogs/ and locales/ are what a published build really serves.</summary>
public sealed class PublishedBuildTests
{
    [Fact]
    public async Task PublishedHost_ServesTheRepositorysContentAndSettings_FromAnyWorkingDirectory()
    {
        var repo = AppProcess.RepositoryRoot();
        var output = Directory.CreateTempSubdirectory("cc-publish-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("cc-cwd-").FullName;
        try
        {
            using (var publish = AppProcess.Start("dotnet", ["publish", Path.Combine(repo, "src", "CampusCompanion.Web"), "-c", AppProcess.Configuration, "-o", output, "--nologo"], repo))
            {
                Assert.True(await publish.WaitForExitAsync(TimeSpan.FromMinutes(4)) == 0, publish.Output);
            }
            foreach (var file in new[] { "appsettings.json", "profile.yaml" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(repo, file)), File.ReadAllBytes(Path.Combine(output, file)));
            foreach (var folder in new[] { "dialogs", "locales" })
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, folder), "*.yaml", SearchOption.AllDirectories))
                    Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(output, Path.GetRelativePath(repo, file))));
            }

            var port = AppProcess.FreePort();
            using var app = AppProcess.Start("dotnet", [Path.Combine(output, "CampusCompanion.Web.dll"), "--urls", $"http://127.0.0.1:{port}"], elsewhere);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var replies = await PostUntilUpAsync(client, app);
            var schoolName = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(repo, "profile.yaml")), "(?m)^school:\\s*\\n\\s+name:\\s*\"([^\"]+)\"").Groups[1].Value;
            Assert.NotEmpty(schoolName);
            Assert.Contains(schoolName, replies[0]!["text"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Host_RefusesToStart_OnBrokenContent_NamingFileAndLine()
    {
        var repo = AppProcess.RepositoryRoot();
        var broken = Path.Combine(repo, "tests", "CampusCompanion.Core.Tests", "Fixtures", "broken");
        var dll = Path.Combine(repo, "src", "CampusCompanion.Web", "bin", AppProcess.Configuration, "net10.0", "CampusCompanion.Web.dll");
        using var app = AppProcess.Start("dotnet",
            [dll, "--urls", "http://127.0.0.1:0", "--Content:DialogsPath", Path.Combine(broken, "dialogs"), "--Content:LocalesPath", Path.Combine(broken, "locales")],
            repo);
        var exit = await app.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, exit);
        Assert.Contains("dialogs/broken.yaml:6: error CC1020", app.Output);
        Assert.Contains("Refusing to start", app.Output);
    }

    private static async Task<JsonArray> PostUntilUpAsync(HttpClient client, AppProcess app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await client.PostAsJsonAsync("/api/messages", BotServer.Message("published", "hoi"));
                response.EnsureSuccessStatusCode();
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (HttpRequestException ex)
            {
                throw new Xunit.Sdk.XunitException("The published host did not answer: " + ex.Message + Environment.NewLine + app.Output);
            }
        }
    }
}
