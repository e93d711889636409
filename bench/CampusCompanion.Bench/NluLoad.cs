using System.Diagnostics;
using System.Globalization;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Language;

namespace CampusCompanion.Bench;

/// <summary>What free-text understanding costs: training all languages at start-up, recognising one utterance
/// (intent + language + crisis screen, as the bot does on every message), and the process memory with every
/// language loaded. <c>grid</c> compares featurisation settings on the held-out split, for tuning.</summary>
internal static class NluLoad
{
    public static int Run(string root)
    {
        var content = Load(root);
        var heldout = HeldOut(root);
        Console.WriteLine($"{content.IntentExamples.Count} training examples in {content.IntentExamples.Select(e => e.Culture).Distinct().Count()} languages; {heldout.Count} held-out utterances");

        var before = Process.GetCurrentProcess().WorkingSet64;
        // As the host does at start-up: both models at once, one per core.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var intentTraining = Task.Run(() => (Model: new MlIntentRecognizer(content.IntentExamples), Done: clock.Elapsed));
        var languageTraining = Task.Run(() => (Model: new LanguageIdentifier(content), Done: clock.Elapsed));
        Task.WaitAll(intentTraining, languageTraining);
        var training = clock.Elapsed;
        var understanding = new Understanding(content, intentTraining.Result.Model, languageTraining.Result.Model, content.CrisisLexicon,
            Microsoft.Extensions.Options.Options.Create(new RecognitionOptions()));
        Console.WriteLine($"training at start-up (intents and language id side by side, all languages): {training.TotalMilliseconds:F0} ms " +
            $"(intents {intentTraining.Result.Done.TotalMilliseconds:F0} ms, language id {languageTraining.Result.Done.TotalMilliseconds:F0} ms; " +
            $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms of processor time)");

        for (var i = 0; i < 2000; i++) understanding.Understand(heldout[i % heldout.Count].Text);
        var samples = new double[20_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var text = heldout[i % heldout.Count].Text;
            var start = Stopwatch.GetTimestamp();
            understanding.Understand(text);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recognition per utterance (intent + language + crisis screen), {samples.Length} runs: p50 {samples[samples.Length / 2]:F3} ms, p99 {samples[(int)(samples.Length * 0.99)]:F3} ms, max {samples[^1]:F3} ms"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory with all languages loaded: working set {process.WorkingSet64 / 1048576} MiB (+{(process.WorkingSet64 - before) / 1048576} MiB for the models), managed heap {GC.GetTotalMemory(false) / 1048576} MiB");
        return 0;
    }

    /// <summary>Macro-F1 on the held-out split for a few n-gram shapes and epoch counts.</summary>
    public static int Grid(string root)
    {
        var content = Load(root);
        var heldout = HeldOut(root);
        var samples = content.IntentExamples.Select(e => (e.Text, e.Intent)).ToList();
        foreach (var (shape, epochs, rate, decay) in new[]
        {
            (new NgramShape(3, 5, 2), 10, 2f, 0.2f), (new NgramShape(3, 5, 2), 10, 4f, 0.3f), (new NgramShape(3, 5, 2), 10, 8f, 0.5f),
            (new NgramShape(2, 5, 2), 10, 4f, 0.3f), (new NgramShape(3, 6, 2), 10, 4f, 0.3f), (new NgramShape(3, 5, 1), 10, 4f, 0.3f),
            (new NgramShape(3, 5, 2), 6, 4f, 0.3f), (new NgramShape(3, 4, 2), 10, 4f, 0.3f),
        })
        {
            var clock = Stopwatch.StartNew();
            var classifier = TextClassifier.Train(samples, shape, epochs, rate, decay);
            var trained = clock.ElapsedMilliseconds;
            var report = string.Join("  ", heldout.GroupBy(r => r.Locale).OrderBy(g => g.Key).Select(g =>
            {
                var predicted = g.Select(r => (r.Label, Got: classifier.Labels[ArgMax(classifier.Score(r.Text))])).ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{g.Key} {MacroF1(predicted):F3}");
            }));
            Console.WriteLine($"{shape} epochs {epochs} rate {rate} decay {decay}: {report}  (training {trained} ms)");
        }
        return 0;
    }

    /// <summary>How the crisis screen's two parts share the work on tests/nlu/crisis: what the lexicon catches alone,
    /// and what the classifier adds and falsely raises at a few thresholds — for choosing RecognitionOptions.CrisisAbove.</summary>
    public static int Crisis(string root)
    {
        var content = Load(root);
        var rows = Directory.EnumerateFiles(Path.Combine(root, "tests", "nlu", "crisis"), "*.tsv")
            .SelectMany(f => EvalRow.Read(new StringReader(File.ReadAllText(f)))).ToList();
        var recognizer = new MlIntentRecognizer(content.IntentExamples);
        var scored = rows.Select(r => (r.Label, r.Text, Lexicon: content.CrisisLexicon.Match(r.Text) is not null,
            Classifier: recognizer.Recognize(r.Text, r.Locale).Alternatives.FirstOrDefault(a => a.Intent == "crisis")?.Score ?? 0)).ToList();
        var crisis = scored.Where(s => s.Label == "crisis").ToList();
        var safe = scored.Where(s => s.Label != "crisis").ToList();
        Console.WriteLine($"lexicon alone: recall {crisis.Count(s => s.Lexicon)}/{crisis.Count}, false positives {safe.Count(s => s.Lexicon)}/{safe.Count}");
        foreach (var above in new[] { 0.6, 0.8, 0.9, 0.95, 0.98 })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"classifier at {above}: catches {crisis.Count(s => !s.Lexicon && s.Classifier >= above)} the lexicon misses; raises {safe.Count(s => !s.Lexicon && s.Classifier >= above)} false alarms"));
        foreach (var miss in crisis.Where(s => !s.Lexicon)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lexicon misses ({miss.Classifier:F2}): {miss.Text}"));
        foreach (var above in new[] { 0.6, 0.8, 0.9 }) Console.WriteLine($"crisis lines the classifier alone recognises at {above}: {crisis.Count(s => s.Classifier >= above)}/{crisis.Count}");
        return 0;
    }

    private static BotContent Load(string root) => BotContent.Load(new ContentOptions
    {
        DialogsPath = Path.Combine(root, "dialogs"),
        LocalesPath = Path.Combine(root, "locales"),
        ProfilePath = Path.Combine(root, "profile.yaml"),
    });

    private static List<EvalRow> HeldOut(string root) => Directory.EnumerateFiles(Path.Combine(root, "tests", "nlu", "heldout"), "*.tsv")
        .SelectMany(f => EvalRow.Read(new StringReader(File.ReadAllText(f)))).ToList();

    private static int ArgMax(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    private static double MacroF1(List<(string Expected, string Got)> predicted) =>
        predicted.Select(p => p.Expected).Distinct().Average(label =>
        {
            var tp = predicted.Count(p => p.Expected == label && p.Got == label);
            var fp = predicted.Count(p => p.Expected != label && p.Got == label);
            var fn = predicted.Count(p => p.Expected == label && p.Got != label);
            return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        });
}
