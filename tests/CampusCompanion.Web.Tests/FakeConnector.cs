using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CampusCompanion.Web.Tests;

/// <summary>A Bot Connector stand-in on loopback that records what the bot posts.</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    public sealed record Post(string Path, JsonObject Body);

    private readonly WebApplication _app;
    public List<Post> Received { get; } = [];
    public Uri BaseAddress { get; private set; } = null!;

    private FakeConnector(WebApplication app) => _app = app;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var body = (JsonObject)JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
            lock (fake.Received) fake.Received.Add(new Post(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget, body));
            return Results.Json(new { id = "posted-" + fake.Received.Count });
        });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
