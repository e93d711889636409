using System.Net;
using System.Threading.RateLimiting;
using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Content;
using CampusCompanion.Core.Localization;
using CampusCompanion.Web.DirectLine;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Web.Widget;

/// <summary>The page parents and students chat on (<c>/</c>, Web Chat from npm), its settings, the per-visitor
/// token endpoint, and <c>/embed.js</c> for school websites.</summary>
public static class WidgetApi
{
    public const string TokenRateLimit = "widget-token";

    public static IServiceCollection AddWidget(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = (int)HttpStatusCode.TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await DirectLineError.Result(HttpStatusCode.TooManyRequests, "TooManyRequests", "Too many chats started from this address; please wait a minute.")
                    .ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(TokenRateLimit, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokensPerMinutePerClient;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWidget(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "widget"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.UseRateLimiter();

        var group = app.MapGroup("/api/webchat");
        group.MapGet("/config", Config).WithName("Widget.Config");
        group.MapPost("/token", StartAsync).RequireRateLimiting(TokenRateLimit).WithName("Widget.Token");
        return app;
    }

    public sealed record Language(string Code, string Name, string Direction);

    public sealed record WidgetConfig(string SchoolName, string PrimaryColor, string AccentColor, string BackgroundColor,
        string DefaultLanguage, IReadOnlyList<Language> Languages);

    private static WidgetConfig Config(IOptions<WidgetOptions> options, LocaleCatalog locales, SchoolProfile school, IOptions<ContentOptions> content)
    {
        var o = options.Value;
        var languages = o.Languages
            .Where(locales.HasCulture)
            .Select(code => new Language(code, locales.Render("locale.name", code),
                locales.Direction(code) == TextDirection.RightToLeft ? "rtl" : "ltr"))
            .ToList();
        return new WidgetConfig(school.Find("school.name") ?? "CampusCompanion", o.PrimaryColor, o.AccentColor, o.BackgroundColor,
            content.Value.DefaultLocale, languages);
    }

    /// <summary>A fresh token bound to a new conversation for one visitor; the Direct Line secret stays on the server.</summary>
    private static DirectLineApi.TokenResult StartAsync(DirectLineTokens tokens)
    {
        var conversationId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var userId = "dl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        return new DirectLineApi.TokenResult(conversationId, tokens.Issue(conversationId, userId), (int)tokens.Lifetime.TotalSeconds);
    }
}
