using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CampusCompanion.Core.State;

/// <summary>Everything the bot keeps about one conversation: typed, schema-versioned, serialisable to JSON.</summary>
public sealed record ConversationState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Active dialogs, outermost first; the last frame waits for the user's answer.</summary>
    public ImmutableArray<DialogFrame> Stack { get; init; } = [];

    /// <summary>The stack an interruption (menu, help, crisis…) put aside, so the user can resume where they were.</summary>
    public ImmutableArray<DialogFrame> Suspended { get; init; } = [];

    public bool Welcomed { get; init; }

    /// <summary>The bot asked "Shall we continue in …?" and waits for the answer.</summary>
    public LanguageOffer? LanguageOffer { get; init; }

    /// <summary>The bot asked "Did you mean A or B?" and waits for the answer.</summary>
    public Clarification? Clarification { get; init; }

    public static ConversationState Empty { get; } = new();
}

/// <summary>A language the message seemed to be in, and what the message asked, to answer once the user chose.</summary>
public sealed record LanguageOffer(string Language, string? PendingIntent);

/// <summary>The two intents the bot hesitated between.</summary>
public sealed record Clarification(string First, string Second);

/// <summary>A dialog on the stack: which dialog, at which step, and how many answers to that step were not understood.</summary>
public sealed record DialogFrame(string Dialog, int Step, int Attempts = 0);

/// <summary>What the bot remembers about one user across conversations.</summary>
public sealed record UserState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The language the user chose; wins over the channel's locale.</summary>
    public string? Language { get; init; }

    /// <summary>student or parent.</summary>
    public string? Audience { get; init; }

    public ImmutableDictionary<string, RememberedValue> Memory { get; init; } = ImmutableDictionary<string, RememberedValue>.Empty;

    public static UserState Empty { get; } = new();
}

/// <summary>A remembered answer. For a choice it keeps the locale key of the choice text,
/// so a summary shows it in whatever language the user speaks by then.</summary>
public sealed record RememberedValue(string Value, string? ChoiceKey = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(UserState))]
public sealed partial class StateJsonContext : JsonSerializerContext;
