using System.Net;
using System.Text.Json;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Turns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Web.Messages;

/// <summary><c>POST /api/messages</c>: the Bot Connector endpoint. expectReplies answers inline; otherwise the
/// replies go to the channel's serviceUrl.</summary>
public static partial class MessagesApi
{
    public static IServiceCollection AddBotEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section));
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }

    public static RouteGroupBuilder MapBotEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api");
        group.MapPost("/messages", PostActivityAsync).WithName("Bot.PostActivity");
        return group;
    }

    public static async Task<IResult> PostActivityAsync(HttpContext http, TurnProcessor processor, ConnectorClient connector,
        IOptions<BotOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("CampusCompanion.Messages");
        if (!IsAuthorised(http, options.Value, logger, out var denied)) return denied;

        var (activity, problem) = await ReadActivityAsync(http.Request, options.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;

        if (activity!.Type == ActivityTypes.Invoke)
            return Problem(HttpStatusCode.NotImplemented, "Invoke not handled", $"This bot does not handle invoke '{activity.Name}'.");
        if (!activity.ExpectsReplies && string.IsNullOrWhiteSpace(activity.ServiceUrl))
            return Problem(HttpStatusCode.BadRequest, "serviceUrl missing", "An activity without deliveryMode 'expectReplies' needs a serviceUrl to reply to.");

        var result = await processor.ProcessAsync(activity, ct);
        if (activity.ExpectsReplies)
            return TypedResults.Json(new ExpectedReplies(result.Activities.ToList()), ActivityJsonContext.Default.ExpectedReplies);

        foreach (var reply in result.Activities)
        {
            if (!await connector.SendAsync(reply, ct)) break;
        }
        return TypedResults.Ok();
    }

    /// <summary>Without an app id this is a developer's machine: only loopback callers get in. With an app id,
    /// channel tokens must be validated; until that validator is configured, nobody gets in (fail closed).</summary>
    internal static bool IsAuthorised(HttpContext http, BotOptions options, ILogger logger, out IResult denied)
    {
        denied = TypedResults.Ok();
        if (string.IsNullOrEmpty(options.AppId))
        {
            var remote = http.Connection.RemoteIpAddress;
            if (remote is not null && IPAddress.IsLoopback(remote)) return true;
            LogRejectedRemote(logger);
            denied = Problem(HttpStatusCode.Unauthorized, "Unauthorized", "No Bot:AppId is configured, so this endpoint only accepts requests from this machine.");
            return false;
        }
        LogNoValidator(logger);
        denied = Problem(HttpStatusCode.Unauthorized, "Unauthorized", "Channel token validation is not configured.");
        return false;
    }

    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return (null, TooBig(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return (null, TooBig(maxBytes));
        }
        if (buffer.Length == 0) return (null, Problem(HttpStatusCode.BadRequest, "Empty body", "The body must be one Activity as JSON."));
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ActivityJsonContext.Default.Activity);
        }
        catch (JsonException ex)
        {
            return (null, Problem(HttpStatusCode.BadRequest, "Malformed JSON", $"The body is not a valid Activity: {ex.Message}"));
        }
        if (activity is null) return (null, Problem(HttpStatusCode.BadRequest, "Empty activity", "The body must be one Activity as JSON."));
        if (string.IsNullOrWhiteSpace(activity.Type)) return (null, Problem(HttpStatusCode.BadRequest, "Missing type", "The activity has no 'type'."));
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return (null, Problem(HttpStatusCode.BadRequest, "Missing conversation.id", "The activity has no 'conversation.id'."));
        return (activity, null);
    }

    private static IResult TooBig(int maxBytes) =>
        Problem(HttpStatusCode.BadRequest, "Body too large", $"An activity may be at most {maxBytes} bytes.");

    private static ProblemHttpResult Problem(HttpStatusCode status, string title, string detail) =>
        TypedResults.Problem(statusCode: (int)status, title: title, detail: detail);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected a non-loopback request: no Bot:AppId configured (development mode accepts loopback only)")]
    private static partial void LogRejectedRemote(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Rejected a request: Bot:AppId is set but channel token validation is not configured")]
    private static partial void LogNoValidator(ILogger logger);
}
