namespace CampusCompanion.Core.Recognition;

/// <summary>The recognizer's labels, exactly as defined in intents.md.</summary>
public static class IntentLabels
{
    public static readonly IReadOnlyList<string> All =
    [
        "greeting", "study_choice", "help_ssc", "help_dean", "help_psychologist", "crisis", "internship_search",
        "internship_discrimination", "coping", "buddy_request", "programme_info", "bsa_info", "finance",
        "parent_support", "contact", "language", "privacy", "none",
    ];

    public static bool IsKnown(string intent) => All.Contains(intent, StringComparer.Ordinal);
}
