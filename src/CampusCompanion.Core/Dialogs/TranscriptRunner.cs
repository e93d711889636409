using System.Text.Json;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Turns;

namespace CampusCompanion.Core.Dialogs;

/// <summary>Plays a transcript test against a real turn processor and reports every mismatch.</summary>
public static class TranscriptRunner
{
    /// <summary>The names of the transcripts under <paramref name="dialogsRoot"/> that <paramref name="which"/> picks, for a test theory.</summary>
    public static IEnumerable<string> Names(string dialogsRoot, Func<TranscriptTest, bool> which) =>
        TranscriptScript.LoadAll(dialogsRoot, []).Where(which).Select(t => t.ToString());

    /// <summary>Plays the transcript of that name; a script that does not load is a failure too.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(TurnProcessor processor, string dialogsRoot, string name, CancellationToken ct = default)
    {
        var diagnostics = new List<Content.Diagnostic>();
        var script = TranscriptScript.LoadAll(dialogsRoot, diagnostics).Single(t => t.ToString() == name);
        return diagnostics.Count > 0 ? diagnostics.Select(d => d.ToString()).ToList() : await RunAsync(processor, script, ct);
    }

    public static async Task<IReadOnlyList<string>> RunAsync(TurnProcessor processor, TranscriptTest test, CancellationToken ct = default)
    {
        var failures = new List<string>();
        var conversation = new ConversationAccount { Id = "transcript-" + Guid.NewGuid().ToString("N") };
        var user = new ChannelAccount { Id = "user-" + Guid.NewGuid().ToString("N"), Role = "user" };
        var bot = new ChannelAccount { Id = "campuscompanion", Role = "bot" };
        var pending = new Queue<BotReply>();
        BotReply? last = null;
        var sequence = 0;

        async Task SendAsync(Activity activity)
        {
            if (pending.Count > 0)
                failures.Add($"before '{activity.Text ?? activity.Type}': the bot also said {Describe(pending)}");
            pending.Clear();
            var result = await processor.ProcessAsync(activity, ct);
            foreach (var reply in result.Replies) pending.Enqueue(reply);
        }

        Activity Base(string type) => new()
        {
            Type = type, Id = $"t{++sequence}", ChannelId = "test", Conversation = conversation,
            From = user, Recipient = bot, Locale = test.Locale, Timestamp = DateTimeOffset.UtcNow,
            ChannelData = test.Audience is null ? null : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["audience"] = test.Audience }),
        };

        foreach (var line in test.Lines)
        {
            var at = $"{line.Location}";
            switch (line.Kind)
            {
                case TranscriptLineKind.Welcome:
                    await SendAsync(Base(ActivityTypes.ConversationUpdate) with { MembersAdded = [bot, user] });
                    break;
                case TranscriptLineKind.User:
                    await SendAsync(Base(ActivityTypes.Message) with { Text = line.Value });
                    break;
                case TranscriptLineKind.Bot:
                    if (!pending.TryDequeue(out last)) failures.Add($"{at}: expected '{line.Value}' but the bot said nothing more");
                    else if (last.Key != line.Value) failures.Add($"{at}: expected '{line.Value}' but the bot said '{last.Key}' (\"{last.Activity.Text}\")");
                    break;
                case TranscriptLineKind.Choices:
                    if (last is null) failures.Add($"{at}: no bot reply to check choices of");
                    else if (!last.ChoiceKeys.SequenceEqual(line.Values))
                        failures.Add($"{at}: expected choices [{string.Join(", ", line.Values)}] but got [{string.Join(", ", last.ChoiceKeys)}]");
                    break;
                case TranscriptLineKind.Contains:
                    var text = last is null ? null : TextOf(last.Activity);
                    if (text is null || !text.Contains(line.Value, StringComparison.Ordinal))
                        failures.Add($"{at}: expected the reply to contain \"{line.Value}\" but it was \"{text}\"");
                    break;
            }
        }
        if (pending.Count > 0) failures.Add($"at the end the bot also said {Describe(pending)}");
        return failures;
    }

    /// <summary>The text a user sees: the message text, or a card's title and text.</summary>
    public static string TextOf(Activity activity)
    {
        if (activity.Text is { } text) return text;
        var parts = new List<string>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is not { ValueKind: JsonValueKind.Object } content) continue;
            foreach (var field in new[] { "title", "text" })
            {
                if (content.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String) parts.Add(value.GetString()!);
            }
        }
        return string.Join("\n", parts);
    }

    private static string Describe(IEnumerable<BotReply> replies) => string.Join(", ", replies.Select(r => $"'{r.Key}'"));
}
