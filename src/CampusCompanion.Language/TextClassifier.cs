using System.Collections.Concurrent;
using CampusCompanion.Core.Recognition;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace CampusCompanion.Language;

/// <summary>A multiclass text classifier on character and word n-grams (ML.NET featurisation and a linear
/// maximum-entropy trainer), on folded text: lower case, no diacritics, one form per Arabic letter variant — so
/// "oglum", "oğlum" and "OĞLUM" look the same, and typos still share most character n-grams.</summary>
internal sealed class TextClassifier
{
    private sealed class Example
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        [ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }

    private readonly ITransformer _model;
    private readonly MLContext _ml;
    private readonly ConcurrentBag<PredictionEngine<Example, Prediction>> _engines = [];

    public IReadOnlyList<string> Labels { get; }

    private TextClassifier(MLContext ml, ITransformer model, IReadOnlyList<string> labels)
    {
        _ml = ml;
        _model = model;
        Labels = labels;
    }

    /// <param name="charGrams">Longest character n-gram.</param>
    /// <param name="wordGrams">Longest word n-gram; 0 for characters only.</param>
    internal enum Trainer { Sdca, Lbfgs, OvaPerceptron, OvaSvm, OvaLogistic }

    public static TextClassifier Train(IEnumerable<(string Text, string Label)> examples, int charGrams, int wordGrams, int seed = 7,
        Trainer trainer = Trainer.Sdca, float l2 = 0, bool allCharLengths = true, bool tfIdf = false, int iterations = 30)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Example { Text = TextNormalizer.Fold(e.Text), Label = e.Label }).ToList());
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            CharFeatureExtractor = charGrams > 0 ? new WordBagEstimator.Options { NgramLength = charGrams, UseAllLengths = allCharLengths, Weighting = tfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf } : null,
            WordFeatureExtractor = wordGrams > 0 ? new WordBagEstimator.Options { NgramLength = wordGrams, UseAllLengths = true, Weighting = tfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf } : null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var featurize = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", options, nameof(Example.Text)));
        IEstimator<ITransformer> classifier = trainer switch
        {
            Trainer.Lbfgs => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
                { L2Regularization = l2 == 0 ? 1f : l2, NumberOfThreads = 1 }),
            Trainer.OvaPerceptron => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: 20)),
            Trainer.OvaSvm => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(numberOfIterations: 20)),
            Trainer.OvaLogistic => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: l2 == 0 ? null : l2)),
            _ => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                MaximumNumberOfIterations = iterations,
                L2Regularization = l2 == 0 ? null : l2,
                NumberOfThreads = 1,
            }),
        };
        var pipeline = featurize.Append(classifier);
        var model = pipeline.Fit(data);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref slotNames);
        return new TextClassifier(ml, model, slotNames.DenseValues().Select(v => v.ToString()).ToList());
    }

    /// <summary>Probabilities per label, in <see cref="Labels"/> order.</summary>
    public float[] Score(string text)
    {
        if (!_engines.TryTake(out var engine)) engine = _ml.Model.CreatePredictionEngine<Example, Prediction>(_model);
        try
        {
            return engine.Predict(new Example { Text = TextNormalizer.Fold(text) }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
    }
}
