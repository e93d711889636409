using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CampusCompanion.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Redis.Tests;

/// <summary>One web node of a scaled-out deployment: the real host on its own loopback port, with Redis.</summary>
internal sealed class Node : IAsyncDisposable
{
    public const string SharedSigningKey = "two-nodes-share-this-signing-key-0123456789";
    private readonly WebApplication _app;

    private Node(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public static async Task<Node> StartAsync(string redis, string environment)
    {
        var app = CampusCompanionApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Critical",
            "--Redis:Configuration", redis, "--Redis:Environment", environment, "--Redis:RetryAfterSeconds", "2",
            "--DirectLine:SigningKey", SharedSigningKey, "--DirectLine:KeepAliveInterval", "00:00:01"]);
        Assert.True(app.ContentIsValid());
        app.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Node(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A Direct Line client that may talk to any node with the same token.</summary>
internal sealed class Visitor
{
    public string Token { get; private init; } = "";
    public string Conversation { get; private init; } = "";
    public string StreamUrl { get; private init; } = "";

    public static async Task<Visitor> StartAsync(Node node)
    {
        var token = (await (await node.Client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["token"]!.GetValue<string>());
        var response = await node.Client.SendAsync(start);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new Visitor
        {
            Token = token["token"]!.GetValue<string>(),
            Conversation = started["conversationId"]!.GetValue<string>(),
            StreamUrl = started["streamUrl"]!.GetValue<string>(),
        };
    }

    public async Task<HttpResponseMessage> PostAsync(Node node, string text)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{Conversation}/activities")
        {
            Content = JsonContent.Create(new { type = "message", text, locale = "nl-NL", from = new { id = "x" }, channelData = new { audience = "student" } }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await node.Client.SendAsync(post);
    }

    public async Task<HttpResponseMessage> PollAsync(Node node, string watermark = "")
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{Conversation}/activities?watermark={watermark}");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await node.Client.SendAsync(get);
    }
}

/// <summary>Reads activity sets off a Direct Line WebSocket in the background.</summary>
internal sealed class Stream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _activities = [];
    private Task _reader = Task.CompletedTask;

    public static async Task<Stream> OpenAsync(string url)
    {
        var stream = new Stream();
        await stream._socket.ConnectAsync(new Uri(url), CancellationToken.None);
        stream._reader = stream.ReadAsync();
        return stream;
    }

    public List<string> BotTexts()
    {
        lock (_activities)
            return _activities.Where(a => a["type"]!.GetValue<string>() == "message" && a["from"]!["role"]!.GetValue<string>() == "bot")
                .Select(a => a["text"]?.GetValue<string>() ?? "").ToList();
    }

    public async Task WaitForAsync(Func<List<string>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(BotTexts()))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; bot said: {string.Join(" | ", BotTexts())}");
            await Task.Delay(50);
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try { result = await _socket.ReceiveAsync(buffer, CancellationToken.None); }
            catch (WebSocketException) { return; }
            if (result.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var json = Encoding.UTF8.GetString(message.ToArray());
            message.SetLength(0);
            if (json.Length == 0) continue;
            lock (_activities) _activities.AddRange(JsonNode.Parse(json)!["activities"]!.AsArray().Select(a => a!.AsObject()));
        }
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); } catch (WebSocketException) { }
        await _reader;
        _socket.Dispose();
    }
}
