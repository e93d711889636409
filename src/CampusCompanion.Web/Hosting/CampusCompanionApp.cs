using CampusCompanion.Core.Content;
using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Recognition;
using CampusCompanion.Language;
using CampusCompanion.Redis;
using CampusCompanion.Web.DirectLine;
using CampusCompanion.Web.Messages;
using CampusCompanion.Web.Widget;
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
        builder.Services.AddCampusCompanionLanguage();
        builder.Services.AddRedisState(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddExceptionHandler<StoreUnavailableHandler>();
        builder.Services.AddBotEndpoint(builder.Configuration);
        builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddWidget(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseCors();
        return app;
    }

    /// <summary>Loads and validates dialogs and locales before serving anything; on errors it logs each one
    /// (file and line) and the process refuses to start.</summary>
    public static bool ContentIsValid(this WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<BotContent>();
            // Train the recognizers now, not on the first visitor's message; the two models side by side, one per core.
            Task.WaitAll(
                Task.Run(() => app.Services.GetRequiredService<IIntentRecognizer>()),
                Task.Run(() => app.Services.GetRequiredService<ILanguageDetector>()));
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
    public static WebApplication MapEndpoints(this WebApplication app)
    {
        app.MapWidget();        // GET /: the chat page, /embed.js, /api/webchat/{config,token}
        app.MapBotEndpoints();  // POST /api/messages: Bot Connector and expectReplies
        app.MapDirectLine();    // /v3/directline/*: Web Chat and DirectLineJS
        app.MapHealth();        // GET /healthz: is the state store reachable
        return app;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "{Diagnostic}")]
    private static partial void LogContentError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Refusing to start: {Count} content errors in dialogs/ or locales/ (run `campus validate` for the list)")]
    private static partial void LogRefusing(ILogger logger, int count);
}
