using System.Runtime.CompilerServices;
namespace CampusCompanion.Language;

/// <summary>Which n-grams describe a text: character n-grams of each word with its boundaries ("&lt;bsa&gt;"), so
/// typos and inflections share most of them, and word n-grams for short phrases.</summary>
internal sealed record NgramShape(int MinChars, int MaxChars, int MaxWords);

/// <summary>The n-gram vocabulary of a training set with its inverse document frequencies. A text becomes a sparse,
/// L2-normalised vector of sub-linear tf·idf weights; n-grams never seen in training carry no evidence and are left out.
/// N-grams are keyed by a 64-bit hash of their characters, so no strings are built per n-gram.</summary>
internal sealed class NgramFeatures
{
    private readonly Dictionary<ulong, int> _index;
    private readonly float[] _idf;
    private readonly NgramShape _shape;

    private NgramFeatures(Dictionary<ulong, int> index, float[] idf, NgramShape shape)
    {
        _index = index;
        _idf = idf;
        _shape = shape;
    }

    public int Count => _idf.Length;

    /// <summary>The vocabulary of the training texts and, in one pass over them, their vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (NgramFeatures Features, (int Feature, float Value)[][] Vectors) Build(IReadOnlyList<string> foldedTexts, NgramShape shape)
    {
        var index = new Dictionary<ulong, int>();
        var documentFrequency = new List<int>();
        var hashes = new List<ulong>();
        var ids = new List<int>();
        var counted = new (int Feature, int Count)[foldedTexts.Count][];
        for (var d = 0; d < foldedTexts.Count; d++)
        {
            hashes.Clear();
            Extract(foldedTexts[d], shape, hashes);
            ids.Clear();
            foreach (var h in hashes)
            {
                if (!index.TryGetValue(h, out var i))
                {
                    index[h] = i = documentFrequency.Count;
                    documentFrequency.Add(0);
                }
                ids.Add(i);
            }
            counted[d] = CountEach(ids);
            foreach (var (i, _) in counted[d]) documentFrequency[i]++;
        }
        var idf = documentFrequency.Select(df => MathF.Log((1f + foldedTexts.Count) / (1f + df)) + 1f).ToArray();
        return (new NgramFeatures(index, idf, shape), counted.Select(c => Weigh(c, idf)).ToArray());
    }

    public (int Feature, float Value)[] Vectorize(string folded)
    {
        var hashes = new List<ulong>();
        Extract(folded, _shape, hashes);
        var ids = new List<int>(hashes.Count);
        foreach (var h in hashes)
        {
            if (_index.TryGetValue(h, out var i)) ids.Add(i);
        }
        return Weigh(CountEach(ids), _idf);
    }

    private static (int Feature, int Count)[] CountEach(List<int> ids)
    {
        ids.Sort();
        var counted = new List<(int, int)>(ids.Count);
        for (var k = 0; k < ids.Count; k++)
        {
            if (k > 0 && ids[k] == ids[k - 1]) counted[^1] = (ids[k], counted[^1].Item2 + 1);
            else counted.Add((ids[k], 1));
        }
        return [.. counted];
    }

    private static (int Feature, float Value)[] Weigh((int Feature, int Count)[] counted, float[] idf)
    {
        var vector = new (int Feature, float Value)[counted.Length];
        var norm = 0f;
        for (var k = 0; k < counted.Length; k++)
        {
            var (i, count) = counted[k];
            var value = (1f + MathF.Log(count)) * idf[i];
            vector[k] = (i, value);
            norm += value * value;
        }
        if (norm > 0)
        {
            norm = MathF.Sqrt(norm);
            for (var k = 0; k < vector.Length; k++) vector[k].Value /= norm;
        }
        return vector;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Extract(string folded, NgramShape shape, List<ulong> into)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Span<char> padded = stackalloc char[66];
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w].Length > 64 ? words[w][..64] : words[w];
            padded[0] = '<';
            word.CopyTo(padded[1..]);
            padded[word.Length + 1] = '>';
            var length = word.Length + 2;
            for (var n = shape.MinChars; n <= shape.MaxChars; n++)
                for (var start = 0; start + n <= length; start++)
                    into.Add(Fnv(CharGramSeed, padded.Slice(start, n)));
            var phrase = Fnv(WordSeed, word);
            into.Add(phrase);
            for (var more = 1; more < shape.MaxWords && w + more < words.Length; more++)
            {
                phrase = Fnv(Fnv(phrase, " "), words[w + more]);
                into.Add(phrase);
            }
        }
    }

    private const ulong CharGramSeed = 0x9E3779B97F4A7C15UL;
    private const ulong WordSeed = 0xC2B2AE3D27D4EB4FUL;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Fnv(ulong seed, ReadOnlySpan<char> text)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }
}
