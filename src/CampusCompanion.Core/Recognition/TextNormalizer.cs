using System.Globalization;
using System.Text;

namespace CampusCompanion.Core.Recognition;

/// <summary>Folds text so that what a user types matches what counsellors wrote: lower case, no diacritics,
/// Arabic letter variants unified, punctuation as spaces, single spaces.</summary>
public static class TextNormalizer
{
    public static string Fold(string text, bool mapLeetspeak = false)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        char previous = '\0';
        var run = 0;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
            c = FoldLetter(char.ToLowerInvariant(c));
            if (c == '\0') continue;
            if (mapLeetspeak && IsLatinWordAt(decomposed, i)) c = Leet(c);
            if (char.IsLetterOrDigit(c))
            {
                // "heeeelp" and "hellllp" fold to at most two repeats, as people stretch words in chat.
                run = c == previous ? run + 1 : 1;
                previous = c;
                if (run > 2) continue;
                sb.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
                previous = '\0';
                run = 0;
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    public static string[] Words(string folded) => folded.Length == 0 ? [] : folded.Split(' ');

    private static char FoldLetter(char c) => c switch
    {
        'ı' => 'i',
        'ł' => 'l',
        'ß' => 's',
        'ø' => 'o',
        'æ' => 'a',
        // Arabic: one letter for the hamza-carrying alefs, taa marbuta, alef maqsura; no tatweel.
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ـ' => '\0',
        // Arabic-Indic digits count as digits.
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        // Ukrainian apostrophe variants inside words are not word breaks.
        '\u02bc' or '\u2019' => '\'',
        _ => c,
    };

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    };

    /// <summary>Leetspeak is only mapped inside words that otherwise use Latin letters, so "112" stays a number.</summary>
    private static bool IsLatinWordAt(string text, int index)
    {
        var start = index;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
        var end = index;
        while (end < text.Length - 1 && !char.IsWhiteSpace(text[end + 1])) end++;
        var hasLatin = false;
        for (var i = start; i <= end; i++)
        {
            var ch = text[i];
            if (ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z') hasLatin = true;
            else if (char.IsLetter(ch)) return false;
        }
        return hasLatin;
    }
}
