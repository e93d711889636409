namespace CampusCompanion.Core.Content;

/// <summary>Where the editable content lives. Relative paths resolve against the app's base directory,
/// where the build links the repository's own dialogs/ and locales/.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    public string DialogsPath { get; set; } = "dialogs";
    public string LocalesPath { get; set; } = "locales";

    /// <summary>The school's and programme's facts, filled in by the school.</summary>
    public string ProfilePath { get; set; } = "profile.yaml";

    /// <summary>Languages whose locale must hold every key a dialog uses.</summary>
    public List<string> RequiredLocales { get; set; } = ["nl", "en"];

    /// <summary>The language of a user we know nothing about yet.</summary>
    public string DefaultLocale { get; set; } = "nl";

    /// <summary>Last step of every fallback chain (nl-BE → nl → en).</summary>
    public string FallbackLocale { get; set; } = "en";

    public string ResolveDialogs() => Resolve(DialogsPath);
    public string ResolveLocales() => Resolve(LocalesPath);
    public string ResolveProfile() => Resolve(ProfilePath);

    private static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
}
