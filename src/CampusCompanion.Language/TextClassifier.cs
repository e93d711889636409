using System.Runtime.CompilerServices;
using CampusCompanion.Core.Recognition;

namespace CampusCompanion.Language;

/// <summary>A multiclass text classifier: softmax (maximum-entropy) regression over character and word n-grams of
/// folded text — lower case, no diacritics, one form per Arabic letter variant — so "oglum", "oğlum" and "OĞLUM"
/// look the same and typos still share most character n-grams.</summary>
/// <remarks>Written here rather than taken from ML.NET: ML.NET's SDCA maximum-entropy trainer needed 5.5 s for three
/// languages (held-out macro-F1 0.83–0.86) and its one-versus-all trainers 17–21 s, against a start-up budget of 3 s for
/// six. Averaged stochastic gradient descent over sparse vectors trains all six in well under a second and, being
/// the same model family, scores the same or better. Probabilities come out of the softmax, so the confidence bands
/// of <see cref="RecognitionOptions"/> keep their meaning.</remarks>
internal sealed class TextClassifier
{
    private readonly NgramFeatures _features;
    private readonly float[] _weights; // feature-major: [feature * classes + class]
    private readonly float[] _bias;

    public IReadOnlyList<string> Labels { get; }

    private TextClassifier(NgramFeatures features, float[] weights, float[] bias, IReadOnlyList<string> labels)
    {
        _features = features;
        _weights = weights;
        _bias = bias;
        Labels = labels;
    }

    // Trained once at start-up: compiled optimised at once rather than starting in the quick, slow first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TextClassifier Train(IReadOnlyCollection<(string Text, string Label)> examples, NgramShape shape, int epochs = 10,
        float learningRate = 4f, float decay = 0.3f, int seed = 7)
    {
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var folded = examples.Select(e => (Text: TextNormalizer.Fold(e.Text), Label: labelIndex[e.Label])).ToList();
        var (features, featureVectors) = NgramFeatures.Build(folded.Select(e => e.Text).ToList(), shape);
        var vectors = featureVectors.Select((v, i) => (Vector: v, folded[i].Label)).Where(v => v.Vector.Length > 0).ToArray();

        var classes = labels.Count;
        var w = new float[features.Count * classes];
        var b = new float[classes];
        // Averaged SGD (the "lazy averaging" trick): u accumulates step * update, so the average is w - u / steps.
        var u = new float[w.Length];
        var ub = new float[classes];
        var p = new float[classes];
        var order = Enumerable.Range(0, vectors.Length).ToArray();
        var random = new Random(seed);
        var g = new float[classes];
        var active = new int[classes];
        var step = 1f;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = learningRate / (1 + epoch * decay);
            foreach (var i in order)
            {
                var (x, y) = vectors[i];
                Softmax(w, b, x, classes, p);
                // Once the model has learnt an example, most classes get a vanishing gradient: update only the rest.
                var n = 0;
                for (var c = 0; c < classes; c++)
                {
                    var gradient = rate * ((c == y ? 1f : 0f) - p[c]);
                    if (gradient is > -1e-6f and < 1e-6f) continue;
                    g[n] = gradient;
                    active[n++] = c;
                    b[c] += gradient;
                    ub[c] += step * gradient;
                }
                foreach (var (f, v) in x)
                {
                    var row = f * classes;
                    for (var k = 0; k < n; k++)
                    {
                        var delta = g[k] * v;
                        w[row + active[k]] += delta;
                        u[row + active[k]] += step * delta;
                    }
                }
                step++;
            }
        }
        for (var k = 0; k < w.Length; k++) w[k] -= u[k] / step;
        for (var c = 0; c < classes; c++) b[c] -= ub[c] / step;
        return new TextClassifier(features, w, b, labels);
    }

    /// <summary>Probabilities per label, in <see cref="Labels"/> order. A temperature above 1 softens them: trained to
    /// fit its examples, the model is surer of itself than it has a right to be on text unlike them.</summary>
    public float[] Score(string text, float temperature = 1f)
    {
        var p = new float[Labels.Count];
        Softmax(_weights, _bias, _features.Vectorize(TextNormalizer.Fold(text)), Labels.Count, p, temperature);
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Softmax(float[] w, float[] b, (int Feature, float Value)[] x, int classes, float[] p, float temperature = 1f)
    {
        Array.Copy(b, p, classes);
        foreach (var (f, v) in x)
        {
            var row = f * classes;
            for (var c = 0; c < classes; c++) p[c] += w[row + c] * v;
        }
        var max = p.Max();
        var sum = 0f;
        for (var c = 0; c < classes; c++) sum += p[c] = MathF.Exp((p[c] - max) / temperature);
        for (var c = 0; c < classes; c++) p[c] /= sum;
    }
}
