using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CampusCompanion.Core.Localization;

/// <summary><see cref="IStringLocalizer"/> over the locale files, bound to one culture.
/// The turn pipeline passes the culture explicitly instead of using the thread's culture.</summary>
public sealed class CatalogStringLocalizer(LocaleCatalog catalog, string culture) : IStringLocalizer
{
    public string Culture { get; } = culture;

    public LocalizedString this[string name]
    {
        get
        {
            var found = catalog.Find(name, Culture);
            return new LocalizedString(name, found?.Text ?? name, resourceNotFound: found is null, searchedLocation: Culture);
        }
    }

    /// <summary>One dictionary argument fills named placeholders (<c>{school.name}</c>); otherwise positional (<c>{0}</c>).</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var found = this[name];
            if (found.ResourceNotFound || arguments.Length == 0) return found;
            var text = arguments is [IReadOnlyDictionary<string, string> named]
                ? LocaleCatalog.Substitute(found.Value, (k, _) => named.GetValueOrDefault(k))
                : string.Format(CultureInfo.GetCultureInfo(Culture), found.Value, arguments);
            return new LocalizedString(name, text, resourceNotFound: false, searchedLocation: Culture);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var chain = includeParentCultures ? catalog.FallbackChain(Culture) : [Culture];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in chain)
        {
            foreach (var (key, value) in catalog.StringsOf(culture))
            {
                if (seen.Add(key)) yield return new LocalizedString(key, value.Text, false, culture);
            }
        }
    }
}

/// <summary>Factory for code that asks for a localizer by type (ASP.NET conventions); it follows the current UI culture.
/// The bot's own code uses <see cref="ForCulture"/>.</summary>
public sealed class CatalogStringLocalizerFactory(LocaleCatalog catalog) : IStringLocalizerFactory
{
    public IStringLocalizer ForCulture(string culture) => new CatalogStringLocalizer(catalog, culture);

    public IStringLocalizer Create(Type resourceSource) => ForCulture(CultureInfo.CurrentUICulture.Name is { Length: > 0 } n ? n : catalog.FallbackLocale);

    public IStringLocalizer Create(string baseName, string location) => Create(typeof(object));
}
