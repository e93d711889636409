using CampusCompanion.Core.Content;
using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Web.Messages;
using Microsoft.Extensions.Logging;

namespace CampusCompanion.Web.Hosting;

public static partial class CampusCompanionApp
{
    /// <summary>Builds the host. Content root is the app's own folder, where the build links the repository's
    /// appsettings.json, dialogs/ and locales/, so dotnet run, tests and a published build load the same files.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ActivityJsonContext.Default));
        builder.Services.AddCampusCompanionCore(builder.Configuration);
        builder.Services.AddBotEndpoint(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Loads and validates dialogs and locales before serving anything; on errors it logs each one
    /// (file and line) and the process refuses to start.</summary>
    public static bool ContentIsValid(this WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<BotContent>();
            return true;
        }
        catch (ContentValidationException ex)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CampusCompanion.Content");
            foreach (var diagnostic in ex.Diagnostics) LogContentError(logger, diagnostic.ToString());
            LogRefusing(logger, ex.Diagnostics.Count);
            return false;
        }
    }

    /// <summary>Every endpoint group of the service, one line per feature.</summary>
    public static IEndpointRouteBuilder MapEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHome();          // GET /: what this service is
        app.MapBotEndpoints();  // POST /api/messages: Bot Connector and expectReplies
        return app;
    }

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CampusCompanion</title></head>
            <body><h1>CampusCompanion is running</h1>
            <p>The bot endpoint is <code>POST /api/messages</code> (Activity schema v3; <code>deliveryMode: "expectReplies"</code> answers inline).</p>
            </body></html>
            """, "text/html; charset=utf-8")).WithName("Home");
        return app;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "{Diagnostic}")]
    private static partial void LogContentError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Refusing to start: {Count} content errors in dialogs/ or locales/ (run `campus validate` for the list)")]
    private static partial void LogRefusing(ILogger logger, int count);
}
