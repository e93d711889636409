using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CampusCompanion.Core.Content;

/// <summary>Reads a YAML file into a node tree that keeps line numbers, turning syntax errors into diagnostics.</summary>
internal static class YamlSource
{
    public static YamlNode? Load(string path, string displayPath, List<Diagnostic> diagnostics, string syntaxCode)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new Diagnostic(syntaxCode, Severity.Error,
                new SourceLocation(displayPath, (int)Math.Max(1, ex.Start.Line)), "bad YAML: " + FirstLine(ex.Message)));
            return null;
        }
    }

    public static SourceLocation At(this YamlNode node, string file) => new(file, (int)Math.Max(1, node.Start.Line));

    public static string? Scalar(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    public static YamlNode? Child(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n');
        return index < 0 ? message : message[..index];
    }

    /// <summary>Path relative to the content root, with forward slashes, for messages a counsellor reads.</summary>
    public static string Display(string root, string path) =>
        Path.Combine(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), Path.GetRelativePath(root, path)).Replace('\\', '/');
}
