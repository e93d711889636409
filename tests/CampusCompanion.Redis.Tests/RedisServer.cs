using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace CampusCompanion.Redis.Tests;

/// <summary>A real redis-server of this test's own on a free loopback port. Not finding redis-server is a failure,
/// not a skip: these tests always run.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cc-redis-").FullName;
    private readonly bool _durable;
    private Process? _process;

    private RedisServer(int port, bool durable)
    {
        Port = port;
        _durable = durable;
    }

    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary><paramref name="durable"/>: an append-only file with fsync on every write, so a killed and restarted
    /// server comes back with its data (as a production Redis would).</summary>
    public static async Task<RedisServer> StartAsync(bool durable = false)
    {
        var server = new RedisServer(FreePort(), durable);
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dataDir };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--dir", _dataDir, "--protected-mode", "yes" })
            info.ArgumentList.Add(arg);
        if (_durable)
            foreach (var arg in new[] { "--appendonly", "yes", "--appendfsync", "always" }) info.ArgumentList.Add(arg);
        else
            foreach (var arg in new[] { "--appendonly", "no" }) info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(Configuration + ",connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the server the hard way, as a crash would.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>One server shared by the tests of a class; each test uses its own keys (random ids) or environment prefix.</summary>
public sealed class SharedRedis : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await Server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
