using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace CampusCompanion.Redis.Tests;

/// <summary>Stateless nodes behind a load balancer: any node serves any turn, any WebSocket.</summary>
public sealed class ScaleOutTests(SharedRedis redis) : IClassFixture<SharedRedis>
{
    private const string FirstQuestion = "Wat is voor jou de belangrijkste reden voor deze opleiding?";
    private const string SecondQuestion = "Stel dat niemand er iets van zou vinden: zou je dan dezelfde keuze maken?";
    private const string ThirdQuestion = "Kun je een beroep of werkplek noemen waar je na deze opleiding graag zou werken?";

    [Fact]
    public async Task OneConversation_AcrossTwoNodes_WebSocketOnOnePostsToTheOther()
    {
        var environment = "two" + Guid.NewGuid().ToString("N")[..6];
        await using var a = await Node.StartAsync(redis.Server.Configuration, environment);
        await using var b = await Node.StartAsync(redis.Server.Configuration, environment);
        var visitor = await Visitor.StartAsync(a);
        await using var socket = await Stream.OpenAsync(visitor.StreamUrl);

        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(b, "hoi")).StatusCode);
        await socket.WaitForAsync(t => t.Contains("Waar zal ik je mee helpen?"), "the menu, produced on node B, on node A's socket");
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(a, "1")).StatusCode);
        await socket.WaitForAsync(t => t.Contains(FirstQuestion), "the first question");
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(b, "1")).StatusCode);
        await socket.WaitForAsync(t => t.Contains(SecondQuestion), "the second question, from state node A saved");
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(a, "Ja")).StatusCode);
        await socket.WaitForAsync(t => t.Contains(ThirdQuestion), "the third question");

        // Polling either node gives the same log.
        var fromA = (await (await visitor.PollAsync(a)).Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray().Select(x => x!["id"]!.GetValue<string>());
        var fromB = (await (await visitor.PollAsync(b)).Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray().Select(x => x!["id"]!.GetValue<string>());
        Assert.Equal(fromA, fromB);
    }

    [Fact]
    public async Task BotConnectorTurns_AlternateNodes_WithoutLosingThePlace()
    {
        var environment = "alt" + Guid.NewGuid().ToString("N")[..6];
        await using var a = await Node.StartAsync(redis.Server.Configuration, environment);
        await using var b = await Node.StartAsync(redis.Server.Configuration, environment);
        var conversation = "19:" + Guid.NewGuid().ToString("N");
        async Task<List<string>> TurnAsync(Node node, string text)
        {
            var response = await node.Client.PostAsJsonAsync("/api/messages", new
            {
                type = "message", text, channelId = "msteams", locale = "nl-NL", deliveryMode = "expectReplies",
                conversation = new { id = conversation }, from = new { id = "29:student" }, recipient = new { id = "28:bot" },
            });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray().Select(x => x!["text"]?.GetValue<string>() ?? "").ToList();
        }
        Assert.Contains("Waar zal ik je mee helpen?", await TurnAsync(a, "hoi"));
        Assert.Contains(FirstQuestion, await TurnAsync(b, "1"));
        Assert.Equal([SecondQuestion], await TurnAsync(a, "2"));
        Assert.Equal([ThirdQuestion], await TurnAsync(b, "Waarschijnlijk"));
    }

    [Fact]
    public async Task ConcurrentWritesFromTwoNodes_ConflictAndRetry_NoTurnIsLost()
    {
        var environment = "race" + Guid.NewGuid().ToString("N")[..6];
        await using var a = await Node.StartAsync(redis.Server.Configuration, environment);
        await using var b = await Node.StartAsync(redis.Server.Configuration, environment);
        var conversation = "19:" + Guid.NewGuid().ToString("N");
        object Message(string text) => new
        {
            type = "message", text, channelId = "msteams", locale = "nl-NL", deliveryMode = "expectReplies",
            conversation = new { id = conversation }, from = new { id = "29:student" }, recipient = new { id = "28:bot" },
        };
        (await a.Client.PostAsJsonAsync("/api/messages", Message("hoi"))).EnsureSuccessStatusCode();
        // Two messages at the same moment on two nodes: each is either handled or the user is told to resend.
        var responses = await Task.WhenAll(a.Client.PostAsJsonAsync("/api/messages", Message("menu")), b.Client.PostAsJsonAsync("/api/messages", Message("menu")));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var texts = (await response.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray().Select(x => x!["text"]!.GetValue<string>()).ToList();
            Assert.True(texts.Contains("Waar zal ik je mee helpen?") || texts.Any(t => t.Contains("nog een keer")), string.Join(" | ", texts));
        }
    }
}

/// <summary>Redis goes down mid-conversation and comes back: nothing is acknowledged that was not handled, reads stay
/// up, and the conversation continues where it was.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task RedisKilledMidConversation_RefusesPostsWith503_KeepsReadsUp_AndContinuesAfterRestart()
    {
        await using var server = await RedisServer.StartAsync(durable: true);
        await using var node = await Node.StartAsync(server.Configuration, "outage");
        var visitor = await Visitor.StartAsync(node);
        await using var socket = await Stream.OpenAsync(visitor.StreamUrl);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(node, "hoi")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(node, "1")).StatusCode);
        await socket.WaitForAsync(t => t.Any(x => x.StartsWith("Wat is voor jou de belangrijkste reden")), "the first question");
        var watermark = (await (await visitor.PollAsync(node)).Content.ReadFromJsonAsync<JsonObject>())!["watermark"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/healthz")).StatusCode);

        server.Kill();

        var refused = await visitor.PostAsync(node, "1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("ServiceUnavailable", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        var poll = await visitor.PollAsync(node, watermark);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(watermark, (await poll.Content.ReadFromJsonAsync<JsonObject>())!["watermark"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.Client.GetAsync("/healthz")).StatusCode);
        var teams = await node.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "message", text = "hoi", channelId = "msteams", serviceUrl = "http://127.0.0.1:9/", conversation = new { id = "19:x" },
            from = new { id = "29:y" }, recipient = new { id = "28:bot" },
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, teams.StatusCode);
        Assert.True(socket.IsOpen, "the WebSocket stays up during the outage");

        await server.StartProcessAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await node.Client.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the node reconnects to Redis");
            await Task.Delay(200);
        }

        // The user resends the message Web Chat showed as not sent; the reflection continues at the same question.
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(node, "1")).StatusCode);
        await socket.WaitForAsync(t => t.Contains("Stel dat niemand er iets van zou vinden: zou je dan dezelfde keuze maken?"), "the next question after the outage");
        Assert.Single(socket.BotTexts(), t => t.StartsWith("Wat is voor jou de belangrijkste reden"));
    }
}

/// <summary>"Verwijder mijn gegevens" erases everything about the user in every store, using the per-user index.</summary>
public sealed class PrivacyTests(SharedRedis redis) : IClassFixture<SharedRedis>
{
    private async Task<List<string>> KeysAsync(string environment)
    {
        var names = new List<string>();
        await foreach (var key in redis.Connection.GetServers().Single().KeysAsync(pattern: $"cc:{environment}:*")) names.Add(key!);
        return names;
    }

    [Fact]
    public async Task Teams_EraseLeavesNoKeyOfTheUser()
    {
        var environment = "priv" + Guid.NewGuid().ToString("N")[..6];
        await using var node = await Node.StartAsync(redis.Server.Configuration, environment);
        async Task TurnAsync(string text) => (await node.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "message", text, channelId = "msteams", locale = "nl-NL", deliveryMode = "expectReplies",
            conversation = new { id = "a:personal-chat" }, from = new { id = "29:student-1" }, recipient = new { id = "28:bot" },
        })).EnsureSuccessStatusCode();
        await TurnAsync("hoi");
        await TurnAsync("1");
        await TurnAsync("De inhoud interesseert me");
        Assert.NotEmpty(await KeysAsync(environment));
        await TurnAsync("verwijder mijn gegevens");
        await TurnAsync("Ja, wis alles");
        Assert.Empty(await KeysAsync(environment));
    }

    [Fact]
    public async Task DirectLine_EraseRemovesStateAndTheLog_OnlyTheConfirmationRemains()
    {
        var environment = "pdl" + Guid.NewGuid().ToString("N")[..6];
        await using var node = await Node.StartAsync(redis.Server.Configuration, environment);
        var visitor = await Visitor.StartAsync(node);
        foreach (var text in new[] { "hoi", "1", "Mijn familie vindt het een goede keuze", "verwijder mijn gegevens" })
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(node, text)).StatusCode);
        var before = await KeysAsync(environment);
        Assert.Contains(before, k => k.Contains(":conv:"));
        Assert.Contains(before, k => k.Contains(":user:"));

        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(node, "Ja, wis alles")).StatusCode);
        var after = await KeysAsync(environment);
        Assert.DoesNotContain(after, k => k.Contains(":conv:") || k.Contains(":user:"));
        var activities = (await (await visitor.PollAsync(node)).Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray();
        var texts = activities.Select(a => a!["text"]?.GetValue<string>()).ToList();
        Assert.Equal(["Klaar: alles wat ik over jou had bewaard is verwijderd. Als je me weer een bericht stuurt, begin ik opnieuw."], texts);
        Assert.DoesNotContain(texts, t => t!.Contains("familie"));
    }
}
