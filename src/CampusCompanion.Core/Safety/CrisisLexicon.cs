using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Safety;

/// <summary>Danger phrases per language from <c>locales/&lt;culture&gt;/safety.yaml</c>, which counsellors can edit.
/// A phrase matches when its words occur in order, each at most <see cref="MaxGap"/> words after the previous;
/// a word ending in * matches any word that starts with it. An exclusion ("dood van het lachen") cancels a
/// signal whose words all fall inside it.</summary>
public enum CrisisSource { Lexicon, Classifier }

public sealed class CrisisLexicon
{
    public const int MaxGap = 3;
    public const string FileName = "safety.yaml";

    private readonly Phrase[] _signals;
    private readonly Phrase[] _exclusions;
    private readonly Dictionary<string, List<Phrase>> _signalsByFirstWord = new(StringComparer.Ordinal);
    // Signals starting with a wildcard ("intihar*"), by their first letter: every word of every message is tried.
    private readonly Dictionary<char, List<Phrase>> _signalsWithWildcardStart = [];

    public CrisisLexicon(IEnumerable<(string Culture, string Phrase)> signals, IEnumerable<(string Culture, string Phrase)> exclusions)
    {
        _signals = signals.Select(s => Phrase.Parse(s.Culture, s.Phrase)).Where(p => p.Words.Length > 0).ToArray();
        _exclusions = exclusions.Select(s => Phrase.Parse(s.Culture, s.Phrase)).Where(p => p.Words.Length > 0).ToArray();
        foreach (var signal in _signals)
        {
            var first = signal.Words[0];
            if (first.EndsWith('*'))
            {
                if (!_signalsWithWildcardStart.TryGetValue(first[0], out var byLetter)) _signalsWithWildcardStart[first[0]] = byLetter = [];
                byLetter.Add(signal);
            }
            else
            {
                if (!_signalsByFirstWord.TryGetValue(first, out var list)) _signalsByFirstWord[first] = list = [];
                list.Add(signal);
            }
        }
    }

    public int SignalCount => _signals.Length;

    /// <summary>The crisis decision for one message: a danger signal of the lexicon, or the classifier sure of a crisis
    /// — unless the message holds a phrase counsellors marked as figurative ("ik ga dood van het lachen"), which the
    /// classifier's character n-grams cannot tell from the real thing.</summary>
    public CrisisSource? Screen(string text, Recognition.IntentResult intent, double classifierAbove)
    {
        if (Match(text) is not null) return CrisisSource.Lexicon;
        if (!intent.Alternatives.Any(a => a.Intent == "crisis" && a.Score >= classifierAbove)) return null;
        return IsFigurative(text) ? null : CrisisSource.Classifier;
    }

    private bool IsFigurative(string text)
    {
        var words = TextNormalizer.Words(TextNormalizer.Fold(text, mapLeetspeak: true));
        for (var start = 0; start < words.Length; start++)
        {
            foreach (var exclusion in _exclusions)
            {
                if (exclusion.MatchAt(words, start) is not null) return true;
            }
        }
        return false;
    }

    /// <summary>The culture whose signal fired, or null when the text holds no danger signal.</summary>
    public string? Match(string text)
    {
        var words = TextNormalizer.Words(TextNormalizer.Fold(text, mapLeetspeak: true));
        if (words.Length == 0) return null;
        // Leetspeak mapping must not hide a plain word ("112" in a message stays a number for the plain pass).
        var plain = TextNormalizer.Words(TextNormalizer.Fold(text));
        return MatchWords(words) ?? (plain.AsSpan().SequenceEqual(words) ? null : MatchWords(plain));
    }

    private string? MatchWords(string[] words)
    {
        for (var start = 0; start < words.Length; start++)
        {
            foreach (var form in ArabicClitics.Forms(words[start]))
            {
                if (_signalsByFirstWord.TryGetValue(form, out var candidates) && Matched(candidates, words, start) is { } culture) return culture;
                if (_signalsWithWildcardStart.TryGetValue(form[0], out var byLetter) && Matched(byLetter, words, start) is { } wild) return wild;
            }
        }
        return null;
    }

    private string? Matched(List<Phrase> signals, string[] words, int start)
    {
        foreach (var signal in signals)
        {
            if (signal.MatchAt(words, start) is { } end && !Excluded(words, start, end)) return signal.Culture;
        }
        return null;
    }

    /// <summary>An exclusion cancels a signal when it reaches to the signal's last word: "dood van het lachen"
    /// cancels "ga dood", but "ölsem de" does not cancel "ölsem de kurtulsam".</summary>
    private bool Excluded(string[] words, int start, int end)
    {
        foreach (var exclusion in _exclusions)
        {
            for (var s = Math.Max(0, start - 8); s <= end; s++)
            {
                if (exclusion.MatchAt(words, s) is { } exclusionEnd && exclusionEnd >= end) return true;
            }
        }
        return false;
    }

    public static CrisisLexicon Load(string localesRoot, List<Diagnostic> diagnostics)
    {
        var signals = new List<(string, string)>();
        var exclusions = new List<(string, string)>();
        if (Directory.Exists(localesRoot))
        {
            foreach (var dir in Directory.EnumerateDirectories(localesRoot).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(dir, FileName);
                if (!File.Exists(file)) continue;
                var culture = Path.GetFileName(dir);
                var display = YamlSource.Display(localesRoot, file);
                if (YamlSource.Load(file, display, diagnostics, "CC2101") is not YamlMappingNode map)
                {
                    continue;
                }
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var section = ((YamlScalarNode)keyNode).Value;
                    var target = section switch { "signals" => signals, "exclusions" => exclusions, _ => null };
                    if (target is null || valueNode is not YamlSequenceNode items)
                    {
                        diagnostics.Add(new Diagnostic("CC2102", Severity.Error, keyNode.At(display), "a safety file has two lists: 'signals:' and 'exclusions:'"));
                        continue;
                    }
                    foreach (var item in items)
                    {
                        if (item is YamlScalarNode { Value: { Length: > 0 } phrase }) target.Add((culture, phrase));
                        else diagnostics.Add(new Diagnostic("CC2102", Severity.Error, item.At(display), "each entry is one phrase"));
                    }
                }
            }
        }
        return new CrisisLexicon(signals, exclusions);
    }

    private sealed record Phrase(string Culture, string[] Words)
    {
        public static Phrase Parse(string culture, string text)
        {
            // Fold like user text, but keep the wildcard star that folding would treat as punctuation.
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.EndsWith('*') ? TextNormalizer.Fold(w[..^1], mapLeetspeak: true).Replace(" ", "") + "*" : TextNormalizer.Fold(w, mapLeetspeak: true).Replace(" ", ""))
                .Where(w => w.Length > 0 && w != "*")
                .ToArray();
            return new Phrase(culture, words);
        }

        /// <summary>Index of the last matched word when the phrase matches starting exactly at <paramref name="start"/>.</summary>
        public int? MatchAt(string[] words, int start)
        {
            if (!WordMatches(Words[0], words[start])) return null;
            var position = start;
            for (var i = 1; i < Words.Length; i++)
            {
                var found = -1;
                for (var j = position + 1; j < words.Length && j <= position + MaxGap; j++)
                {
                    if (WordMatches(Words[i], words[j])) { found = j; break; }
                }
                if (found < 0) return null;
                position = found;
            }
            return position;
        }

        private static bool WordMatches(string pattern, string word)
        {
            if (FormMatches(pattern, word)) return true;
            if (!ArabicClitics.MayCarry(word)) return false;
            foreach (var form in ArabicClitics.Forms(word))
            {
                if (FormMatches(pattern, form)) return true;
            }
            return false;
        }

        private static bool FormMatches(string pattern, string form) =>
            pattern.EndsWith('*') ? form.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : form == pattern;
    }
}

/// <summary>Arabic writes "and", "so", "with", "for" and "the" onto the word (والانتحار: "and the suicide"), which
/// would hide a lexicon word from a starts-with match; a word is also tried without those proclitics, so counsellors
/// write the bare word once.</summary>
internal static class ArabicClitics
{
    public static bool MayCarry(string word) => word.Length >= 4 && word[0] is >= '\u0600' and <= '\u06FF';

    public static IEnumerable<string> Forms(string word)
    {
        yield return word;
        if (!MayCarry(word)) yield break;
        var rest = word;
        if (rest[0] is 'و' or 'ف') yield return rest = rest[1..];
        // "لل" is ل with the article's alef dropped: للانتحار = ل + الانتحار.
        if (rest.Length > 4 && rest.StartsWith("لل", StringComparison.Ordinal)) yield return rest[2..];
        if (rest.Length > 3 && rest[0] is 'ب' or 'ل' or 'ك') yield return rest = rest[1..];
        if (rest.Length > 4 && rest.StartsWith("ال", StringComparison.Ordinal)) yield return rest[2..];
    }
}
