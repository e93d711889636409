namespace CampusCompanion.Web.Widget;

/// <summary>How the website widget looks; the school's name comes from the School profile.</summary>
public sealed class WidgetOptions
{
    public const string Section = "Widget";

    public string PrimaryColor { get; set; } = "#1d4f73";
    public string AccentColor { get; set; } = "#f2a900";
    public string BackgroundColor { get; set; } = "#f6f8fa";

    /// <summary>The languages the picker offers, in this order; each needs a folder under locales/.</summary>
    public List<string> Languages { get; set; } = ["nl", "en", "tr", "ar", "pl", "uk"];
}
