using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampusCompanion.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CampusCompanion.Web.Tests;

/// <summary>The real web host on real Kestrel, on a free loopback port. Each test owns its server.</summary>
internal sealed class BotServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BotServer> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) args.AddRange([$"--{key}", value ?? ""]);
        var app = CampusCompanionApp.Build([.. args], configure);
        Assert.True(app.ContentIsValid());
        app.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotServer(app, new Uri(address));
    }

    public async Task<JsonArray> ExpectRepliesAsync(string conversationId, string text, string locale = "nl", string userId = "u1")
    {
        var response = await Client.PostAsJsonAsync("/api/messages", Message(conversationId, text, locale, userId));
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray();
    }

    public static JsonObject Message(string conversationId, string text, string locale = "nl", string userId = "u1") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "campus-bot", ["role"] = "bot" },
        ["text"] = text,
        ["locale"] = locale,
        ["deliveryMode"] = "expectReplies",
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
