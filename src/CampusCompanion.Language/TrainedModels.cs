using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CampusCompanion.Language;

/// <summary>Models are trained once per process for the same examples: several hosts in one process (tests,
/// benchmarks) share them, and a host never trains twice.</summary>
internal static class TrainedModels
{
    private static readonly ConcurrentDictionary<string, Lazy<TextClassifier>> Cache = new(StringComparer.Ordinal);

    public static TextClassifier GetOrTrain(string purpose, IReadOnlyCollection<(string Text, string Label)> examples, Func<TextClassifier> train) =>
        Cache.GetOrAdd(purpose + ":" + Fingerprint(examples), _ => new Lazy<TextClassifier>(train)).Value;

    private static string Fingerprint(IEnumerable<(string Text, string Label)> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (text, label) in examples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(label));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([1]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
