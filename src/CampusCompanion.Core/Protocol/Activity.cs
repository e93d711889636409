using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampusCompanion.Core.Protocol;

/// <summary>Bot Framework Activity schema v3. Channels add fields we do not model;
/// <see cref="Extra"/> keeps them so a read/write round trip loses nothing (A2005).</summary>
public sealed record Activity
{
    [JsonConstructor]
    public Activity() { }

    public string? Type { get; init; }
    public string? Id { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; init; }
    public JsonElement? LocalTimestamp { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Locale { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Speak { get; init; }
    public string? InputHint { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? AttachmentLayout { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public JsonElement? ChannelData { get; init; }
    public JsonElement? Value { get; init; }
    public string? Name { get; init; }
    public string? Action { get; init; }
    public string? Code { get; init; }
    public string? DeliveryMode { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A reply addressed back to the sender of this activity (from/recipient swapped).</summary>
    public Activity CreateReply(string type = ActivityTypes.Message) => new()
    {
        Type = type,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient is null ? null : Recipient with { Role = "bot" },
        Recipient = From,
        // Web Chat holds a reply whose replyToId it has not seen; a conversationUpdate is never shown to it.
        ReplyToId = Type == ActivityTypes.ConversationUpdate ? null : Id,
        Locale = Locale,
    };

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    [JsonIgnore]
    public bool ExpectsReplies => string.Equals(DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string EndOfConversation = "endOfConversation";
    public const string Trace = "trace";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public sealed record ChannelAccount
{
    [JsonConstructor]
    public ChannelAccount() { }

    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? AadObjectId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record ConversationAccount
{
    [JsonConstructor]
    public ConversationAccount() { }

    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public bool? IsGroup { get; init; }
    public string? TenantId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SuggestedActions
{
    [JsonConstructor]
    public SuggestedActions() { }

    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<CardAction> Actions { get; init; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record CardAction
{
    [JsonConstructor]
    public CardAction() { }

    public string Type { get; init; } = CardActionTypes.ImBack;
    public string? Title { get; init; }
    public JsonElement? Value { get; init; }
    public string? Text { get; init; }
    public string? DisplayText { get; init; }
    public string? Image { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    public static CardAction ImBack(string title) =>
        new() { Type = CardActionTypes.ImBack, Title = title, Value = JsonSerializer.SerializeToElement(title, ActivityJsonContext.Default.String) };

    public static CardAction OpenUrl(string title, string url) =>
        new() { Type = CardActionTypes.OpenUrl, Title = title, Value = JsonSerializer.SerializeToElement(url, ActivityJsonContext.Default.String) };
}

public static class CardActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string Call = "call";
}

public sealed record Attachment
{
    [JsonConstructor]
    public Attachment() { }

    public string? ContentType { get; init; }
    public JsonElement? Content { get; init; }
    public string? ContentUrl { get; init; }
    public string? Name { get; init; }
    public string? ThumbnailUrl { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public static class AttachmentContentTypes
{
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string ThumbnailCard = "application/vnd.microsoft.card.thumbnail";
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
}

public sealed record HeroCard
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<CardAction>? Buttons { get; init; }

    public Attachment ToAttachment() => new()
    {
        ContentType = AttachmentContentTypes.HeroCard,
        Content = JsonSerializer.SerializeToElement(this, ActivityJsonContext.Default.HeroCard),
    };
}

/// <summary>An entity such as a Teams mention; unknown entity types pass through untouched (A2104).</summary>
public sealed record Entity
{
    [JsonConstructor]
    public Entity() { }

    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Locale { get; init; }
}

/// <summary>What Direct Line delivers, over polling and the WebSocket alike: activities and the watermark after them.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>The body of an expectReplies response.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

/// <summary>Timestamps go out as ISO-8601 UTC with a Z (A2043).</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : throw new JsonException("timestamp is not an ISO-8601 date");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(HeroCard))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(string))]
public sealed partial class ActivityJsonContext : JsonSerializerContext;
