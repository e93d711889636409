namespace CampusCompanion.Core.Content;

/// <summary>Where a piece of content came from, so every diagnostic can name file and line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public enum Severity { Error, Warning }

/// <summary>One finding of the content validator, e.g. <c>dialogs/menu.yaml:12: error CC1004: ...</c>.</summary>
public sealed record Diagnostic(string Code, Severity Severity, SourceLocation Location, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>Thrown at start-up when dialogs or locales have errors; the process refuses to start.</summary>
public sealed class ContentValidationException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception("Dialog and locale content has errors:" + Environment.NewLine +
                string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d)))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
