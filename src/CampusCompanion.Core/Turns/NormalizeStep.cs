using System.Text;
using System.Text.RegularExpressions;
using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Core.Turns;

/// <summary>Turns what the channel sent into the text the rest of the pipeline understands: the bot's own
/// Teams @mention removed, other mentions unwrapped, whitespace collapsed, length capped.</summary>
public sealed partial class NormalizeStep : ITurnStep
{
    /// <summary>Longer messages are cut: nobody types more into a chat, and it bounds the work per turn.</summary>
    public const int MaxTextLength = 2000;

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken ct)
    {
        turn.Text = Normalize(turn.Activity);
        return next(turn, ct);
    }

    public static string Normalize(Activity activity)
    {
        var text = activity.Text ?? "";
        if (activity.Entities is { Count: > 0 } entities && activity.Recipient?.Id is { } botId)
        {
            foreach (var mention in entities.Where(e => e.Type == "mention" && e.Mentioned?.Id == botId))
            {
                var mentionText = mention.Text ?? $"<at>{mention.Mentioned?.Name}</at>";
                text = Regex.Replace(text, Regex.Escape(mentionText), "", RegexOptions.IgnoreCase);
            }
        }
        if (text.Contains("<at>", StringComparison.OrdinalIgnoreCase)) text = AtTag().Replace(text, "$1 ");
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];
        return CollapseWhitespace(text);
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
