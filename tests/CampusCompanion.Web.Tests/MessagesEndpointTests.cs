using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CampusCompanion.Web.Messages;
using Microsoft.AspNetCore.Http;

namespace CampusCompanion.Web.Tests;

public sealed class MessagesEndpointTests
{
    private static IEnumerable<string> Texts(JsonArray activities) => activities.Select(a => a!["text"]?.GetValue<string>() ?? "");

    [Fact]
    public async Task ExpectReplies_ReturnsTheWelcomeAndTheMenu()
    {
        await using var server = await BotServer.StartAsync();
        var replies = await server.ExpectRepliesAsync("conv-welcome", "hoi");
        var texts = Texts(replies).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("Hoi! Ik ben CampusCompanion", texts[0]);
        Assert.Contains("Ik ben een bot, geen mens", texts[1]);
        Assert.Equal("Waar zal ik je mee helpen?", texts[2]);
        var actions = replies[2]!["suggestedActions"]!["actions"]!.AsArray();
        Assert.Contains(actions, a => a!["title"]!.GetValue<string>() == "Nadenken over mijn studiekeuze" && a["type"]!.GetValue<string>() == "imBack");
        Assert.All(replies, a =>
        {
            Assert.Equal("bot", a!["from"]!["role"]!.GetValue<string>());
            Assert.Equal("conv-welcome", a["conversation"]!["id"]!.GetValue<string>());
            Assert.Equal("u1", a["recipient"]!["id"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task FourTurnReflection_WithAnInvalidAnswerReprompted()
    {
        await using var server = await BotServer.StartAsync();
        await server.ExpectRepliesAsync("conv-4", "hallo");
        var start = Texts(await server.ExpectRepliesAsync("conv-4", "Nadenken over mijn studiekeuze")).ToList();
        Assert.Equal("Wat is voor jou de belangrijkste reden voor deze opleiding?", start[^1]);

        var invalid = Texts(await server.ExpectRepliesAsync("conv-4", "pizza")).Single();
        Assert.StartsWith("Dat begreep ik niet helemaal", invalid);
        Assert.Contains("Wat is voor jou de belangrijkste reden", invalid);

        Assert.Equal("Stel dat niemand er iets van zou vinden: zou je dan dezelfde keuze maken?",
            Texts(await server.ExpectRepliesAsync("conv-4", "1")).Single());
        Assert.Equal("Kun je een beroep of werkplek noemen waar je na deze opleiding graag zou werken?",
            Texts(await server.ExpectRepliesAsync("conv-4", "Waarschijnlijk")).Single());
        Assert.Equal("Hoe goed past de opleiding bij wat je ervan verwachtte?",
            Texts(await server.ExpectRepliesAsync("conv-4", "vaag")).Single());
    }

    [Fact]
    public async Task NormalDelivery_PostsRepliesToTheConnectorAtServiceUrl()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var server = await BotServer.StartAsync();
        var message = BotServer.Message("19:abc@thread.v2;messageid=42", "hoi", "en");
        message.Remove("deliveryMode");
        message["id"] = "act:1";
        message["serviceUrl"] = connector.BaseAddress + "amer/";
        var response = await server.Client.PostAsJsonAsync("/api/messages", message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, connector.Received.Count);
        Assert.All(connector.Received, r =>
        {
            Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D42/activities/act%3A1", r.Path);
            Assert.Equal("act:1", r.Body["replyToId"]!.GetValue<string>());
        });
        Assert.StartsWith("Hi! I'm CampusCompanion", connector.Received[0].Body["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"type\":\"message\"", "Malformed JSON")]
    [InlineData("", "Empty body")]
    [InlineData("{\"type\":\"message\",\"text\":\"hoi\"}", "Missing conversation.id")]
    [InlineData("{\"text\":\"hoi\",\"conversation\":{\"id\":\"c\"}}", "Missing type")]
    [InlineData("[1,2,3]", "Malformed JSON")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"text\":\"hoi\"}", "serviceUrl missing")]
    public async Task BadInput_Gets400WithProblemDetails_AndTheServerKeepsServing(string body, string title)
    {
        await using var server = await BotServer.StartAsync();
        var response = await server.Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.NotEmpty(await server.ExpectRepliesAsync("still-serving", "hoi"));
    }

    [Fact]
    public async Task OversizedBody_Gets400_WithoutReadingItAll()
    {
        await using var server = await BotServer.StartAsync();
        var huge = "{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"text\":\"" + new string('x', 300_000) + "\"}";
        var response = await server.Client.PostAsync("/api/messages", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Body too large", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_Is405_AndAnUnhandledInvokeIs501()
    {
        await using var server = await BotServer.StartAsync();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Client.GetAsync("/api/messages")).StatusCode);
        var invoke = BotServer.Message("c-invoke", "");
        invoke["type"] = "invoke";
        invoke["name"] = "composeExtension/query";
        Assert.Equal(HttpStatusCode.NotImplemented, (await server.Client.PostAsJsonAsync("/api/messages", invoke)).StatusCode);
    }

    [Fact]
    public async Task UnknownActivityTypes_AreAcceptedAndIgnored_A2014()
    {
        await using var server = await BotServer.StartAsync();
        var odd = BotServer.Message("c-odd", "");
        odd["type"] = "messageReaction";
        var response = await server.Client.PostAsJsonAsync("/api/messages", odd);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray());
    }

    [Fact]
    public void DevelopmentMode_AcceptsLoopbackOnly_AndAnAppIdWithoutValidationAcceptsNobody()
    {
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        Assert.True(MessagesApi.IsAuthorised(local, new BotOptions(), logger, out _));
        Assert.False(MessagesApi.IsAuthorised(remote, new BotOptions(), logger, out _));
        Assert.False(MessagesApi.IsAuthorised(local, new BotOptions { AppId = "7f6c0000-0000-0000-0000-000000000000" }, logger, out _));
    }
}
