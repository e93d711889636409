using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CampusCompanion.Core.Channels.DirectLine;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.State;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Web.DirectLine;

/// <summary>Direct Line 3.0 under <c>/v3/directline</c>: enough that Microsoft's Web Chat and DirectLineJS work unchanged.</summary>
public static partial class DirectLineApi
{
    public const string CorsPolicy = "directline";

    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section));
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineBridge>();
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .AllowAnyOrigin()
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        group.MapPost("/tokens/generate", GenerateTokenAsync).WithName("DirectLine.GenerateToken");
        group.MapPost("/tokens/refresh", RefreshTokenAsync).WithName("DirectLine.RefreshToken");
        group.MapPost("/conversations", StartConversationAsync).WithName("DirectLine.StartConversation");
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).WithName("DirectLine.Reconnect");
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).WithName("DirectLine.PostActivity");
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).WithName("DirectLine.GetActivities");
        group.MapPost("/conversations/{conversationId}/upload", Upload).WithName("DirectLine.Upload");
        group.Map("/conversations/{conversationId}/stream", StreamAsync).WithName("DirectLine.Stream");
        return group;
    }

    /// <summary>Everything a handler needs, as one parameter.</summary>
    public sealed record Services(DirectLineTokens Tokens, IDirectLineStore Store, DirectLineBridge Bridge,
        IOptions<DirectLineOptions> Options, ILoggerFactory Loggers);

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        if (Bearer(http) is not { } secret || !s.Tokens.IsSecret(secret))
            return DirectLineError.Result(HttpStatusCode.Forbidden, "BadArgument", "tokens/generate needs the Direct Line secret.");
        var userId = await RequestedUserAsync(http, ct);
        if (userId is null) return DirectLineError.Result(HttpStatusCode.BadRequest, "BadArgument", "The body is not valid TokenParameters JSON.");
        var conversationId = NewConversationId();
        return Results.Json(TokenResponse(s, conversationId, userId), statusCode: 200);
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext http, [AsParameters] Services s)
    {
        var (grant, error) = await AuthoriseTokenAsync(http, s, conversationId: null);
        if (grant is null) return error!;
        return Results.Json(TokenResponse(s, grant.ConversationId, grant.UserId));
    }

    private static async Task<IResult> StartConversationAsync(HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        string conversationId, userId;
        if (Bearer(http) is { } bearer && s.Tokens.IsSecret(bearer))
        {
            conversationId = NewConversationId();
            userId = await RequestedUserAsync(http, ct) ?? NewUserId();
        }
        else
        {
            var (grant, error) = await AuthoriseTokenAsync(http, s, conversationId: null);
            if (grant is null) return error!;
            (conversationId, userId) = (grant.ConversationId, grant.UserId);
        }
        var started = await s.Store.StartAsync(conversationId, userId, ct);
        var body = ConversationResponse(http, s, conversationId, userId, watermark: null);
        return Results.Json(body, statusCode: started ? 201 : 200);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        var (grant, error) = await AuthoriseTokenAsync(http, s, conversationId);
        if (grant is null) return error!;
        // A failed GET makes DirectLineJS give up for good: while the store is down, hand out the stream anyway;
        // it waits and delivers what was missed once the store is back.
        if (await FindOrAssumeAsync(s, conversationId, ct) is false)
            return DirectLineError.Result(HttpStatusCode.NotFound, "BadArgument", "Unknown conversation.");
        return Results.Json(ConversationResponse(http, s, conversationId, grant.UserId, watermark));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        var (grant, error) = await AuthoriseTokenAsync(http, s, conversationId);
        if (grant is null) return error!;
        if (await s.Store.FindAsync(conversationId, ct) is null)
            return DirectLineError.Result(HttpStatusCode.NotFound, "BadArgument", "Unknown conversation.");

        var (activity, problem) = await ReadActivityAsync(http.Request, s.Options.Value.MaxActivityBytes, ct);
        if (activity is null) return problem!;
        var id = await s.Bridge.PostAsync(conversationId, grant.UserId, activity, BaseUrl(http, s.Options.Value), ct);
        return Results.Json(new ResourceResponse(id));
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        var (grant, error) = await AuthoriseTokenAsync(http, s, conversationId);
        if (grant is null) return error!;
        if (await FindOrAssumeAsync(s, conversationId, ct) is false)
            return DirectLineError.Result(HttpStatusCode.NotFound, "BadArgument", "Unknown conversation.");
        var after = DirectLineIds.ParseWatermark(watermark);
        ActivityPage page;
        try
        {
            page = await s.Store.ReadAsync(conversationId, after, ct);
        }
        catch (StoreUnavailableException)
        {
            // Never a 5xx on a poll (DirectLineJS stops polling for good on one): nothing new yet, same watermark.
            page = new ActivityPage([], after);
        }
        return Results.Json(new ActivitySet(page.Activities, DirectLineIds.FormatWatermark(page.Watermark)), ActivityJsonContext.Default.ActivitySet);
    }

    private static IResult Upload() =>
        DirectLineError.Result(HttpStatusCode.BadRequest, "NotSupported", "This bot does not accept file uploads. Please describe it in a message instead.");

    private static async Task StreamAsync(string conversationId, string? t, string? watermark, HttpContext http, [AsParameters] Services s)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineError.Result(HttpStatusCode.BadRequest, "BadArgument", "This URL is a WebSocket stream.").ExecuteAsync(http);
            return;
        }
        var (grant, failure) = t is null ? (null, DirectLineTokens.Failure.Invalid) : await s.Tokens.ValidateAsync(t);
        if (grant is null || grant.Purpose != TokenPurpose.Stream || grant.ConversationId != conversationId)
        {
            var status = failure == DirectLineTokens.Failure.Expired || grant is not null ? HttpStatusCode.Forbidden : HttpStatusCode.Forbidden;
            await DirectLineError.Result(status, failure == DirectLineTokens.Failure.Expired ? "TokenExpired" : "BadArgument",
                "The stream URL is not valid for this conversation.").ExecuteAsync(http);
            return;
        }
        if (await FindOrAssumeAsync(s, conversationId, http.RequestAborted) is false)
        {
            await DirectLineError.Result(HttpStatusCode.NotFound, "BadArgument", "Unknown conversation.").ExecuteAsync(http);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await new ActivityStream(socket, s.Store, conversationId, DirectLineIds.ParseWatermark(watermark), s.Options.Value.KeepAliveInterval)
            .RunAsync(http.RequestAborted);
    }

    /// <summary>Whether the conversation exists; null when the store cannot tell right now.</summary>
    private static async Task<bool?> FindOrAssumeAsync(Services s, string conversationId, CancellationToken ct)
    {
        try
        {
            return await s.Store.FindAsync(conversationId, ct) is not null;
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }

    private static async Task<(DirectLineGrant? Grant, IResult? Error)> AuthoriseTokenAsync(HttpContext http, Services s, string? conversationId)
    {
        var bearer = Bearer(http);
        if (bearer is null)
            return (null, DirectLineError.Result(HttpStatusCode.Unauthorized, "BadArgument", "An Authorization: Bearer token is required."));
        var (grant, failure) = await s.Tokens.ValidateAsync(bearer);
        if (grant is null || grant.Purpose != TokenPurpose.Conversation)
        {
            return failure == DirectLineTokens.Failure.Expired
                ? (null, DirectLineError.Result(HttpStatusCode.Forbidden, "TokenExpired", "The token has expired."))
                : (null, DirectLineError.Result(HttpStatusCode.Forbidden, "BadArgument", "The token is not valid."));
        }
        if (conversationId is not null && grant.ConversationId != conversationId)
            return (null, DirectLineError.Result(HttpStatusCode.Forbidden, "BadArgument", "This token is for another conversation."));
        return (grant, null);
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static async Task<string?> RequestedUserAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength is 0 or null && !http.Request.Headers.TransferEncoding.Any()) return NewUserId();
        try
        {
            var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("user", out var user)
                && user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 and <= 128 } value)
            {
                return value.StartsWith("dl_", StringComparison.Ordinal) ? value : "dl_" + value;
            }
            return NewUserId();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return (null, TooLarge(maxBytes));
        }
        try
        {
            var activity = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ActivityJsonContext.Default.Activity);
            if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
                return (null, DirectLineError.Result(HttpStatusCode.BadRequest, "MissingProperty", "The activity needs a 'type'."));
            return (activity, null);
        }
        catch (JsonException ex)
        {
            return (null, DirectLineError.Result(HttpStatusCode.BadRequest, "BadArgument", $"The body is not a valid activity: {ex.Message}"));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        DirectLineError.Result(HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig", $"An activity may be at most {maxBytes} bytes.");

    private static TokenResult TokenResponse(Services s, string conversationId, string userId) =>
        new(conversationId, s.Tokens.Issue(conversationId, userId), (int)s.Tokens.Lifetime.TotalSeconds);

    private static ConversationResult ConversationResponse(HttpContext http, Services s, string conversationId, string userId, string? watermark)
    {
        var baseUrl = BaseUrl(http, s.Options.Value);
        var wsBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..] : "ws://" + baseUrl["http://".Length..];
        var streamToken = s.Tokens.Issue(conversationId, userId, TokenPurpose.Stream);
        var streamUrl = $"{wsBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(streamToken)}";
        if (!string.IsNullOrEmpty(watermark)) streamUrl += "&watermark=" + Uri.EscapeDataString(watermark);
        return new ConversationResult(conversationId, s.Tokens.Issue(conversationId, userId), (int)s.Tokens.Lifetime.TotalSeconds, streamUrl);
    }

    internal static string BaseUrl(HttpContext http, DirectLineOptions options) =>
        options.PublicBaseUrl.Length > 0 ? options.PublicBaseUrl.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";

    private static string NewConversationId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private static string NewUserId() => "dl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    public sealed record TokenResult(string ConversationId, string Token, [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    public sealed record ConversationResult(string ConversationId, string Token,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn, string StreamUrl);

    public sealed record ResourceResponse(string Id);
}

/// <summary>Direct Line clients read <c>{error:{code,message}}</c>; the same body is Problem Details for everyone else.</summary>
public static class DirectLineError
{
    public static IResult Result(HttpStatusCode status, string code, string message) => Results.Json(
        new Dictionary<string, object>
        {
            ["type"] = $"https://campuscompanion.example/problems/directline/{code}",
            ["title"] = code,
            ["status"] = (int)status,
            ["detail"] = message,
            ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message },
        },
        statusCode: (int)status,
        contentType: "application/problem+json");
}

/// <summary>One WebSocket: replays everything after the watermark, then pushes new activity sets as they arrive,
/// with empty keep-alive frames while nothing happens. Client frames are ignored (clients post over REST).</summary>
internal sealed class ActivityStream(WebSocket socket, IDirectLineStore store, string conversationId, long watermark, TimeSpan keepAlive)
{
    public async Task RunAsync(CancellationToken aborted)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receiving = DrainClientFramesAsync(closed);
        try
        {
            while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                ActivityPage page;
                try
                {
                    page = await store.ReadAsync(conversationId, watermark, closed.Token);
                }
                catch (StoreUnavailableException)
                {
                    // The socket stays up through a store outage and catches up once the store is back.
                    await SendAsync([], closed.Token);
                    await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), closed.Token), receiving);
                    if (receiving.IsCompleted) break;
                    continue;
                }
                if (page.Activities.Count > 0)
                {
                    watermark = page.Watermark;
                    var set = new ActivitySet(page.Activities, DirectLineIds.FormatWatermark(watermark));
                    await SendAsync(JsonSerializer.SerializeToUtf8Bytes(set, ActivityJsonContext.Default.ActivitySet), closed.Token);
                    continue;
                }
                var waited = store.WaitForActivitiesAsync(conversationId, watermark, keepAlive, closed.Token);
                await Task.WhenAny(waited, receiving);
                if (receiving.IsCompleted) break;
                if (waited.IsFaulted) _ = waited.Exception;
                if (waited.IsFaulted || !await HasNewAsync(closed.Token)) await SendAsync([], closed.Token);
                if (waited.IsFaulted) await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), closed.Token), receiving);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            // The client went away; it reconnects with its watermark and misses nothing.
        }
        finally
        {
            await closed.CancelAsync();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); }
                catch (WebSocketException) { }
            }
        }
    }

    private async Task<bool> HasNewAsync(CancellationToken ct)
    {
        try
        {
            return (await store.ReadAsync(conversationId, watermark, ct)).Activities.Count > 0;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    private Task SendAsync(byte[] payload, CancellationToken ct) =>
        socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, ct);

    private async Task DrainClientFramesAsync(CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }
}
