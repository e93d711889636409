using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Content;

/// <summary>The one file a school fills in (<c>profile.yaml</c>): facts that differ per school and programme —
/// names, contacts, hours, links, BSA norm, costs, dates. Dialog and locale text never contains them; texts use
/// placeholders such as <c>{school.name}</c> or <c>{programme.bsa.credits:number}</c>, validated at start-up.</summary>
public sealed class SchoolProfile
{
    public static readonly IReadOnlyList<string> Sections = ["school", "programme"];

    private readonly Dictionary<string, (string Value, SourceLocation At)> _values;

    public SchoolProfile(IReadOnlyDictionary<string, (string Value, SourceLocation At)> values) =>
        _values = new Dictionary<string, (string, SourceLocation)>(values, StringComparer.Ordinal);

    public static SchoolProfile Empty { get; } = new(new Dictionary<string, (string, SourceLocation)>());

    public static bool IsProfilePlaceholder(string name) => Sections.Any(s => name.StartsWith(s + ".", StringComparison.Ordinal));

    public string? Find(string name) => _values.TryGetValue(name, out var v) ? v.Value : null;

    public SourceLocation? LocationOf(string name) => _values.TryGetValue(name, out var v) ? v.At : null;

    public IEnumerable<string> Names => _values.Keys;

    public static SchoolProfile Load(string path, string display, List<Diagnostic> diagnostics)
    {
        var values = new Dictionary<string, (string, SourceLocation)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            diagnostics.Add(new Diagnostic("CC4000", Severity.Error, new SourceLocation(display, 1), "the school profile file does not exist"));
            return new SchoolProfile(values);
        }
        if (YamlSource.Load(path, display, diagnostics, "CC4001") is not { } root) return new SchoolProfile(values);
        if (root is not YamlMappingNode map)
        {
            diagnostics.Add(new Diagnostic("CC4001", Severity.Error, root.At(display), "the profile is a map with the sections: school, programme"));
            return new SchoolProfile(values);
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var section = ((YamlScalarNode)keyNode).Value!;
            if (!Sections.Contains(section))
            {
                diagnostics.Add(new Diagnostic("CC4001", Severity.Error, keyNode.At(display), $"unknown section '{section}' (expected: {string.Join(", ", Sections)})"));
                continue;
            }
            Flatten(valueNode, section, display, values, diagnostics);
        }
        return new SchoolProfile(values);
    }

    private static void Flatten(YamlNode node, string name, string file, Dictionary<string, (string, SourceLocation)> into, List<Diagnostic> diagnostics)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children) Flatten(v, $"{name}.{((YamlScalarNode)k).Value}", file, into, diagnostics);
                break;
            case YamlScalarNode scalar:
                into[name] = (scalar.Value ?? "", scalar.At(file));
                break;
            default:
                diagnostics.Add(new Diagnostic("CC4002", Severity.Error, node.At(file), $"'{name}' must be a value or a map of values, not a list (number the items: {name}.1, {name}.2)"));
                break;
        }
    }

    /// <summary>The formats a placeholder may ask for: money (euros), number, date (written yyyy-MM-dd in the profile).</summary>
    public static readonly IReadOnlyList<string> Formats = ["money", "number", "date"];

    /// <summary>Writes a value the way people of this culture read it. Money is always in euros, dates always in
    /// the Gregorian calendar (a Dutch school's dates, whatever the reader's language).</summary>
    public static string Format(string value, string? format, CultureInfo culture)
    {
        switch (format)
        {
            case "money" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount):
                var money = (NumberFormatInfo)culture.NumberFormat.Clone();
                money.CurrencySymbol = "€";
                return amount.ToString(amount == decimal.Truncate(amount) ? "C0" : "C2", money);
            case "number" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                return number.ToString("#,##0.##", culture);
            case "date" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date.ToString("D", Gregorian(culture));
            default:
                return value;
        }
    }

    public static bool IsValid(string value, string format) => format switch
    {
        "money" or "number" => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    private static CultureInfo Gregorian(CultureInfo culture)
    {
        if (culture.Calendar is GregorianCalendar) return culture;
        var copy = (CultureInfo)culture.Clone();
        copy.DateTimeFormat.Calendar = copy.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return copy;
    }
}
