using System.Text.Json;
using System.Text.Json.Nodes;
using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Core.Tests;

public sealed class ActivityJsonTests
{
    private const string TeamsMessage = """
        {"type":"message","id":"1485983408511","timestamp":"2026-11-22T10:00:00.123Z","localTimestamp":"2026-11-22T11:00:00.123+01:00",
         "serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams",
         "from":{"id":"29:1abc","name":"Student","aadObjectId":"6f1e","role":"user","futureAccountField":true},
         "conversation":{"id":"a:1xyz","conversationType":"personal","tenantId":"t1","newConversationThing":{"a":[1,2]}},
         "recipient":{"id":"28:bot","name":"CampusCompanion"},
         "text":"<at>CampusCompanion</at> hoi","textFormat":"plain","locale":"nl-NL",
         "entities":[{"type":"mention","mentioned":{"id":"28:bot","name":"CampusCompanion"},"text":"<at>CampusCompanion</at>"},
                     {"type":"clientInfo","locale":"nl-NL","country":"NL","platform":"Web","timezone":"Europe/Amsterdam"}],
         "channelData":{"tenant":{"id":"t1"},"eventType":null,"nested":{"deep":[{"x":1}]}},
         "value":{"choice":"content"},"deliveryMode":"expectReplies","brandNewTopLevelField":"keep me"}
        """;

    [Fact]
    public void UnknownFields_SurviveARoundTrip_A2005()
    {
        var activity = JsonSerializer.Deserialize(TeamsMessage, ActivityJsonContext.Default.Activity)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ActivityJsonContext.Default.Activity))!;
        var original = JsonNode.Parse(TeamsMessage)!;
        Assert.Equal("keep me", written["brandNewTopLevelField"]!.GetValue<string>());
        Assert.True(written["from"]!["futureAccountField"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(original["conversation"], written["conversation"]));
        Assert.True(JsonNode.DeepEquals(original["entities"], written["entities"]));
        Assert.True(JsonNode.DeepEquals(original["channelData"], written["channelData"]));
        Assert.True(JsonNode.DeepEquals(original["value"], written["value"]));
        Assert.Equal("2026-11-22T10:00:00.123Z", written["timestamp"]!.GetValue<string>());
        Assert.True(activity.ExpectsReplies);
    }

    [Fact]
    public void Replies_OmitNullsAndEmptyCollections_A2100()
    {
        var inbound = JsonSerializer.Deserialize(TeamsMessage, ActivityJsonContext.Default.Activity)!;
        var reply = inbound.CreateReply() with { Text = "hallo" };
        var json = JsonNode.Parse(JsonSerializer.Serialize(reply, ActivityJsonContext.Default.Activity))!.AsObject();
        Assert.False(json.ContainsKey("entities"));
        Assert.False(json.ContainsKey("attachments"));
        Assert.False(json.ContainsKey("id"));
        Assert.False(json.ContainsKey("timestamp"));
        Assert.DoesNotContain(json, kv => kv.Value is null);
        Assert.Equal("28:bot", json["from"]!["id"]!.GetValue<string>());
        Assert.Equal("bot", json["from"]!["role"]!.GetValue<string>());
        Assert.Equal("29:1abc", json["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("1485983408511", json["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public void ReplyToConversationUpdate_HasNoReplyToId()
    {
        var update = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "u1", Conversation = new() { Id = "c" } };
        Assert.Null(update.CreateReply().ReplyToId);
    }

    [Fact]
    public void HeroCardsAndSuggestedActions_UseTheWireShapes()
    {
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Ja")] },
            Attachments = [new HeroCard { Title = "SSC", Buttons = [CardAction.OpenUrl("Afspraak", "https://x.example")] }.ToAttachment()],
        };
        var json = JsonNode.Parse(JsonSerializer.Serialize(reply, ActivityJsonContext.Default.Activity))!;
        Assert.Equal("imBack", json["suggestedActions"]!["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Ja", json["suggestedActions"]!["actions"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(AttachmentContentTypes.HeroCard, json["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("openUrl", json["attachments"]![0]!["content"]!["buttons"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ConversationReference_KeepsWhatAProactiveReplyNeeds()
    {
        var activity = JsonSerializer.Deserialize(TeamsMessage, ActivityJsonContext.Default.Activity)!;
        var reference = activity.GetConversationReference();
        Assert.Equal("a:1xyz", reference.Conversation!.Id);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reference.ServiceUrl);
        Assert.Equal("29:1abc", reference.User!.Id);
        Assert.Equal("28:bot", reference.Bot!.Id);
        Assert.Equal("msteams", reference.ChannelId);
    }
}
