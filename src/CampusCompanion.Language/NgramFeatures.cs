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

    public static NgramFeatures Build(IEnumerable<string> foldedTexts, NgramShape shape)
    {
        var index = new Dictionary<ulong, int>();
        var documentFrequency = new List<int>();
        var seen = new HashSet<ulong>();
        var documents = 0;
        foreach (var text in foldedTexts)
        {
            documents++;
            seen.Clear();
            Extract(text, shape, h => seen.Add(h));
            foreach (var h in seen)
            {
                if (!index.TryGetValue(h, out var i))
                {
                    index[h] = i = documentFrequency.Count;
                    documentFrequency.Add(0);
                }
                documentFrequency[i]++;
            }
        }
        var idf = documentFrequency.Select(df => MathF.Log((1f + documents) / (1f + df)) + 1f).ToArray();
        return new NgramFeatures(index, idf, shape);
    }

    public (int Feature, float Value)[] Vectorize(string folded)
    {
        var counts = new Dictionary<int, int>();
        Extract(folded, _shape, h =>
        {
            if (_index.TryGetValue(h, out var i)) counts[i] = counts.GetValueOrDefault(i) + 1;
        });
        var vector = new (int Feature, float Value)[counts.Count];
        var n = 0;
        var norm = 0f;
        foreach (var (i, count) in counts)
        {
            var value = (1f + MathF.Log(count)) * _idf[i];
            vector[n++] = (i, value);
            norm += value * value;
        }
        if (norm > 0)
        {
            norm = MathF.Sqrt(norm);
            for (var k = 0; k < vector.Length; k++) vector[k].Value /= norm;
        }
        return vector;
    }

    private static void Extract(string folded, NgramShape shape, Action<ulong> add)
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
                    add(Hash(1, padded.Slice(start, n)));
            var phrase = Fnv(2, word);
            add(phrase);
            for (var more = 1; more < shape.MaxWords && w + more < words.Length; more++)
            {
                phrase = Fnv(Fnv(phrase, " "), words[w + more]);
                add(phrase);
            }
        }
    }

    private static ulong Hash(ulong kind, ReadOnlySpan<char> text) => Fnv(kind * 0x9E3779B97F4A7C15UL, text);

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
