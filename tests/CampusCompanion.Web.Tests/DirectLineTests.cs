using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampusCompanion.Core.State;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampusCompanion.Web.Tests;

/// <summary>Direct Line behaviour that needs the host's insides swapped; the client conformance tests are in tests/node.</summary>
public sealed class DirectLineTests
{
    private static async Task<(HttpClient Client, string Conversation)> StartAsync(BotServer server)
    {
        var token = (await (await server.Client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["token"]!.GetValue<string>());
        var started = await client.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        return (client, token["conversationId"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> ActivitiesAsync(HttpClient client, string conversation) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversation}/activities"))!["activities"]!.AsArray().Select(a => a!).ToList();

    [Fact]
    public async Task ASlowTurn_ShowsTypingBeforeTheReply_AQuickOneDoesNot()
    {
        var slow = new SlowStore(TimeSpan.FromMilliseconds(700));
        await using var server = await BotServer.StartAsync(configure: b => b.Services.AddSingleton<IConversationStateStore>(slow));
        var (client, conversation) = await StartAsync(server);

        slow.Slow = true;
        await client.PostAsJsonAsync($"/v3/directline/conversations/{conversation}/activities", new { type = "message", text = "hoi" });
        var types = (await ActivitiesAsync(client, conversation)).Select(a => a["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["message", "typing", "message", "message", "message"], types);

        slow.Slow = false;
        await client.PostAsJsonAsync($"/v3/directline/conversations/{conversation}/activities", new { type = "message", text = "menu" });
        var later = (await ActivitiesAsync(client, conversation)).Skip(types.Count).Select(a => a["type"]!.GetValue<string>());
        Assert.Equal(["message", "message"], later);
    }

    [Fact]
    public async Task AFailingTurn_KeepsTheMessage_AndTellsTheUserKindly()
    {
        await using var server = await BotServer.StartAsync(configure: b => b.Services.AddSingleton<IConversationStateStore>(new BrokenStore()));
        var (client, conversation) = await StartAsync(server);
        var posted = await client.PostAsJsonAsync($"/v3/directline/conversations/{conversation}/activities", new { type = "message", text = "hoi", locale = "nl-NL" });
        Assert.True(posted.IsSuccessStatusCode);
        var activities = await ActivitiesAsync(client, conversation);
        Assert.Equal("hoi", activities[0]["text"]!.GetValue<string>());
        Assert.StartsWith("Er ging iets mis aan mijn kant", activities[^1]["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task WidgetConfig_ComesFromConfigurationAndLocales()
    {
        await using var server = await BotServer.StartAsync(new Dictionary<string, string?> { ["Widget:PrimaryColor"] = "#123456" });
        var config = (await server.Client.GetFromJsonAsync<JsonObject>("/api/webchat/config"))!;
        Assert.Equal("#123456", config["primaryColor"]!.GetValue<string>());
        Assert.Contains("Horizon", config["schoolName"]!.GetValue<string>());
        var languages = config["languages"]!.AsArray().ToDictionary(l => l!["code"]!.GetValue<string>(), l => l!["direction"]!.GetValue<string>());
        Assert.Equal("rtl", languages["ar"]);
        Assert.Equal("ltr", languages["nl"]);
        Assert.Equal(["nl", "en", "tr", "ar", "pl", "uk"], languages.Keys);
        var page = await server.Client.GetStringAsync("/");
        Assert.Contains("/lib/webchat.js", page);
        var bundle = await server.Client.GetStringAsync("/lib/webchat.js");
        Assert.True(bundle.Length > 1_000_000, "the Web Chat bundle from npm is served");
        Assert.Contains("renderWebChat", bundle);
        Assert.Contains("document.currentScript", await server.Client.GetStringAsync("/embed.js"));
    }

    private sealed class SlowStore(TimeSpan delay) : IConversationStateStore
    {
        private readonly InMemoryConversationStateStore _inner = new(Microsoft.Extensions.Options.Options.Create(new StateOptions()), TimeProvider.System);
        public bool Slow { get; set; }

        public async Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct)
        {
            if (Slow) await Task.Delay(delay, ct);
            return await _inner.LoadAsync(key, ct);
        }

        public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct) =>
            _inner.SaveAsync(key, loaded, conversation, user, ct);
    }

    private sealed class BrokenStore : IConversationStateStore
    {
        public Task<StateSnapshot> LoadAsync(StateKey key, CancellationToken ct) => throw new IOException("store unavailable");

        public Task<SaveOutcome> SaveAsync(StateKey key, StateSnapshot loaded, ConversationState conversation, UserState user, CancellationToken ct) =>
            throw new IOException("store unavailable");
    }
}
