using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampusCompanion.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CampusCompanion.Bench;

/// <summary>A load driver over loopback: N concurrent Direct Line conversations, each with its own WebSocket,
/// post a message and time until the bot's reply to it arrives on the socket. The host runs in this process on
/// real Kestrel with the in-memory store, as `dotnet run` would.</summary>
public static class DirectLineLoad
{
    public static async Task<int> RunAsync(int conversations, int messagesEach, TimeSpan thinkTime)
    {
        var app = CampusCompanionApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning",
            "--DirectLine:TokensPerMinutePerClient", "100000"]);
        if (!app.ContentIsValid()) return 1;
        app.MapEndpoints();
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };

        var clients = await Task.WhenAll(Enumerable.Range(0, conversations).Select(_ => Client.StartAsync(http)));
        // Warm up (the welcome, then enough turns for the JIT to settle), not measured.
        await Task.WhenAll(clients.Select(c => c.RoundTripAsync(http, "hoi")));
        for (var w = 0; w < 5; w++) await Task.WhenAll(clients.Select(c => c.RoundTripAsync(http, w % 2 == 0 ? "menu" : "2")));

        var latencies = new List<double>[conversations];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            latencies[i] = [];
            for (var m = 0; m < messagesEach; m++)
            {
                latencies[i].Add(await c.RoundTripAsync(http, m % 2 == 0 ? "menu" : "2"));
                // People read and type between messages; jitter keeps the conversations from marching in step.
                if (thinkTime > TimeSpan.Zero) await Task.Delay(thinkTime / 2 + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * thinkTime.TotalMilliseconds));
            }
        }));
        wall.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all[(int)Math.Min(all.Length - 1, Math.Ceiling(p * all.Length) - 1)];
        Console.WriteLine($"Direct Line round trip (post -> bot reply on the WebSocket), {conversations} concurrent conversations, {all.Length} messages, think time ~{thinkTime.TotalMilliseconds:F0} ms:");
        Console.WriteLine($"  throughput {all.Length / wall.Elapsed.TotalSeconds:F0} messages/s");
        Console.WriteLine($"  p50 {Percentile(0.50):F2} ms   p90 {Percentile(0.90):F2} ms   p99 {Percentile(0.99):F2} ms   max {all[^1]:F2} ms");
        foreach (var c in clients) await c.DisposeAsync();
        await app.StopAsync();
        return 0;
    }

    private sealed class Client : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly Dictionary<string, TaskCompletionSource> _waiting = new();
        private string _token = "", _conversation = "";
        private Task _reader = Task.CompletedTask;

        public static async Task<Client> StartAsync(HttpClient http)
        {
            var client = new Client();
            var token = await (await http.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>();
            client._token = token!["token"]!.GetValue<string>();
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new("Bearer", client._token);
            var started = await (await http.SendAsync(start)).Content.ReadFromJsonAsync<JsonObject>();
            client._conversation = started!["conversationId"]!.GetValue<string>();
            await client._socket.ConnectAsync(new Uri(started["streamUrl"]!.GetValue<string>()), CancellationToken.None);
            client._reader = client.ReadAsync();
            return client;
        }

        /// <summary>Milliseconds from posting until the first bot message that replies to it arrives.</summary>
        public async Task<double> RoundTripAsync(HttpClient http, string text)
        {
            var stopwatch = Stopwatch.StartNew();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{_conversation}/activities")
            {
                Content = JsonContent.Create(new { type = "message", text, from = new { id = "load" } }),
            };
            post.Headers.Authorization = new("Bearer", _token);
            var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var response = await http.SendAsync(post);
            var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            lock (_waiting)
            {
                if (_waiting.Remove(id, out var early) && early.Task.IsCompleted) return stopwatch.Elapsed.TotalMilliseconds;
                _waiting[id] = replied;
            }
            await replied.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return stopwatch.Elapsed.TotalMilliseconds;
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
                var json = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (json.Length == 0) continue;
                foreach (var activity in JsonNode.Parse(json)!["activities"]!.AsArray())
                {
                    if (activity!["type"]!.GetValue<string>() != "message" || activity["from"]!["role"]!.GetValue<string>() != "bot") continue;
                    var replyTo = activity["replyToId"]?.GetValue<string>();
                    if (replyTo is null) continue;
                    lock (_waiting)
                    {
                        if (_waiting.Remove(replyTo, out var waiter)) waiter.TrySetResult();
                        else
                        {
                            // The reply beat the POST response: remember it as already answered.
                            var done = new TaskCompletionSource();
                            done.SetResult();
                            _waiting[replyTo] = done;
                        }
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
            catch (WebSocketException) { }
            await _reader;
            _socket.Dispose();
        }
    }
}
