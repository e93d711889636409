using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CampusCompanion.Web.Hosting;

using Microsoft.AspNetCore.Hosting.Server.Features;
using StackExchange.Redis;

namespace CampusCompanion.Bench;

/// <summary>The 4-turn study-choice dialog through POST /api/messages (expectReplies) against a local
/// redis-server of its own: turns/s, p50/p99 per turn, and Redis commands per turn.</summary>
public static class RedisTurnLoad
{
    private static readonly string[] Turns = ["Nadenken over mijn studiekeuze", "1", "Ja", "vaag"];

    public static async Task<int> RunAsync(int conversations, int rounds, TimeSpan thinkTime)
    {
        var port = FreePort();
        using var redisServer = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
            { RedirectStandardOutput = true }) ?? throw new InvalidOperationException("redis-server is needed");
        try
        {
            await using var admin = await WaitForRedisAsync($"127.0.0.1:{port}");
            var app = CampusCompanionApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning",
                "--Redis:Configuration", $"127.0.0.1:{port}", "--Redis:Environment", "bench"]);
            if (!app.ContentIsValid()) return 1;
            app.MapEndpoints();
            await app.StartAsync();
            var baseUrl = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(baseUrl) };

            async Task<double> TurnAsync(string conversation, string text)
            {
                var stopwatch = Stopwatch.StartNew();
                var response = await http.PostAsJsonAsync("/api/messages", new
                {
                    type = "message", text, channelId = "msteams", locale = "nl-NL", deliveryMode = "expectReplies",
                    conversation = new { id = conversation }, from = new { id = "29:" + conversation }, recipient = new { id = "28:bot" },
                });
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                return stopwatch.Elapsed.TotalMilliseconds;
            }

            // Warm up: every conversation is welcomed once (not measured), then a few rounds for the JIT.
            var ids = Enumerable.Range(0, conversations).Select(i => $"19:bench-{i}-{Guid.NewGuid():N}").ToArray();
            await Task.WhenAll(ids.Select(id => TurnAsync(id, "hoi")));
            await Task.WhenAll(ids.Select(async id => { foreach (var t in Turns) await TurnAsync(id, t); await TurnAsync(id, "menu"); }));

            var server = admin.GetServers().Single();
            var before = await ClientCommandsAsync(server);
            var latencies = new List<double>[conversations];
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                latencies[i] = [];
                for (var r = 0; r < rounds; r++)
                {
                    // "menu" ends the last reflection, then the four turns of a new one.
                    foreach (var text in Turns.Prepend("menu"))
                    {
                        latencies[i].Add(await TurnAsync(id, text));
                        if (thinkTime > TimeSpan.Zero) await Task.Delay(thinkTime / 2 + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * thinkTime.TotalMilliseconds));
                    }
                }
            }));
            wall.Stop();
            var after = await ClientCommandsAsync(server);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all[(int)Math.Min(all.Length - 1, Math.Ceiling(p * all.Length) - 1)];
            var reads = (after.Reads - before.Reads) / (double)all.Length;
            var scripts = (after.Scripts - before.Scripts) / (double)all.Length;
            Console.WriteLine($"Study-choice turns via POST /api/messages (expectReplies) on Redis, {conversations} concurrent conversations, {all.Length} turns, think time ~{thinkTime.TotalMilliseconds:F0} ms:");
            Console.WriteLine($"  throughput {all.Length / wall.Elapsed.TotalSeconds:F0} turns/s");
            Console.WriteLine($"  p50 {Percentile(0.50):F2} ms   p90 {Percentile(0.90):F2} ms   p99 {Percentile(0.99):F2} ms   max {all[^1]:F2} ms");
            // The two HMGETs of a turn go out in one batch: one round trip; each script call is one more.
            Console.WriteLine($"  Redis per turn: {reads:F2} HMGET (batched in pairs) + {scripts:F2} EVALSHA = {reads / 2 + scripts:F2} round trips");
            await app.StopAsync();
            return 0;
        }
        finally
        {
            redisServer.Kill();
        }
    }

    /// <summary>Commands the clients sent (INFO commandstats), not the ones scripts run inside Redis.</summary>
    private static async Task<(long Reads, long Scripts)> ClientCommandsAsync(StackExchange.Redis.IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
        long Calls(string command) => stats.TryGetValue("cmdstat_" + command, out var value)
            ? long.Parse(value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (Calls("hmget"), Calls("evalsha") + Calls("eval"));
    }

    private static async Task<ConnectionMultiplexer> WaitForRedisAsync(string configuration)
    {
        for (var i = 0; ; i++)
        {
            try { return await ConnectionMultiplexer.ConnectAsync(configuration + ",allowAdmin=true"); }
            catch (RedisConnectionException) when (i < 50) { await Task.Delay(100); }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
