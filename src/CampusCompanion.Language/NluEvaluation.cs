using System.Globalization;
using System.Text;

namespace CampusCompanion.Language;

/// <summary>One labelled line of an evaluation file: <c>locale&lt;TAB&gt;label&lt;TAB&gt;text</c>, where the label is an
/// intent, or <c>safe</c> for a message that must not fire the crisis screen.</summary>
public sealed record EvalRow(string Locale, string Label, string Text)
{
    public const string Safe = "safe";

    public static IEnumerable<EvalRow> Read(TextReader reader)
    {
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3) throw new FormatException($"line {number}: expected locale<TAB>intent<TAB>text");
            yield return new EvalRow(parts[0].Trim(), parts[1].Trim(), parts[2]);
        }
    }
}

public sealed record LanguageReport(string Language, int Count, double Accuracy, double MacroF1, double LanguageIdAccuracy);

public sealed record CrisisReport(int Crisis, int CrisisCaught, int NotCrisis, int FalseAlarms)
{
    public double Recall => Crisis == 0 ? 1 : (double)CrisisCaught / Crisis;
    public double FalsePositiveRate => NotCrisis == 0 ? 0 : (double)FalseAlarms / NotCrisis;
}

public sealed record EvalReport(IReadOnlyList<LanguageReport> Languages, CrisisReport Crisis,
    IReadOnlyList<(string Language, string Expected, string Predicted, int Count)> Confusions)
{
    public string Format()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("language  n     accuracy  macro-F1  language-id");
        foreach (var l in Languages)
            sb.AppendLine(string.Format(inv, "{0,-8}  {1,-4}  {2,8:P1}  {3,8:F3}  {4,11:P1}", l.Language, l.Count, l.Accuracy, l.MacroF1, l.LanguageIdAccuracy));
        sb.AppendLine(string.Format(inv, "crisis screen: recall {0:P1} ({1}/{2}), false positives {3:P1} ({4}/{5})",
            Crisis.Recall, Crisis.CrisisCaught, Crisis.Crisis, Crisis.FalsePositiveRate, Crisis.FalseAlarms, Crisis.NotCrisis));
        if (Confusions.Count > 0)
        {
            sb.AppendLine("most frequent confusions (language: expected -> predicted, count):");
            foreach (var c in Confusions) sb.AppendLine($"  {c.Language}: {c.Expected} -> {c.Predicted}, {c.Count}");
        }
        return sb.ToString();
    }
}

public static class NluEvaluation
{
    public static EvalReport Evaluate(Understanding understanding, IEnumerable<EvalRow> rows)
    {
        var results = rows.Select(r => (Row: r, Got: understanding.Understand(r.Text))).ToList();
        var languages = new List<LanguageReport>();
        foreach (var group in results.GroupBy(r => r.Row.Locale).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var intents = group.Where(r => r.Row.Label != EvalRow.Safe).ToList();
            var accuracy = intents.Count == 0 ? double.NaN : intents.Count(r => r.Got.Intent.Intent == r.Row.Label) / (double)intents.Count;
            var languageId = group.Count(r => r.Got.Language == r.Row.Locale.Split('-')[0]) / (double)group.Count();
            languages.Add(new LanguageReport(group.Key, group.Count(), accuracy, MacroF1(intents.Select(r => (r.Row.Label, r.Got.Intent.Intent))), languageId));
        }
        var crisisRows = results.Where(r => r.Row.Label == "crisis").ToList();
        var otherRows = results.Where(r => r.Row.Label != "crisis").ToList();
        var crisis = new CrisisReport(crisisRows.Count, crisisRows.Count(r => r.Got.Crisis), otherRows.Count, otherRows.Count(r => r.Got.Crisis));
        var confusions = results
            .Where(r => r.Row.Label != EvalRow.Safe && r.Got.Intent.Intent != r.Row.Label)
            .GroupBy(r => (r.Row.Locale, r.Row.Label, r.Got.Intent.Intent))
            .Select(g => (g.Key.Locale, g.Key.Label, g.Key.Intent, g.Count()))
            .OrderByDescending(c => c.Item4).Take(15).ToList();
        return new EvalReport(languages, crisis, confusions);
    }

    /// <summary>Mean F1 over the labels that occur, expected or predicted.</summary>
    public static double MacroF1(IEnumerable<(string Expected, string Predicted)> pairs)
    {
        var list = pairs.ToList();
        if (list.Count == 0) return double.NaN;
        var labels = list.SelectMany(p => new[] { p.Expected, p.Predicted }).Distinct().ToList();
        return labels.Average(label =>
        {
            var tp = list.Count(p => p.Expected == label && p.Predicted == label);
            var fp = list.Count(p => p.Expected != label && p.Predicted == label);
            var fn = list.Count(p => p.Expected == label && p.Predicted != label);
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        });
    }
}
