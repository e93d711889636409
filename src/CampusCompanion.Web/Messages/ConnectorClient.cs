using System.Net;
using System.Net.Http.Json;
using CampusCompanion.Core.Protocol;

namespace CampusCompanion.Web.Messages;

/// <summary>Sends the bot's replies to the channel's Bot Connector at the activity's serviceUrl
/// (<c>POST /v3/conversations/{id}/activities/{replyToId}</c>), retrying throttling and transient failures.</summary>
public sealed partial class ConnectorClient(HttpClient http, ILogger<ConnectorClient> logger, TimeProvider clock)
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public async Task<bool> SendAsync(Activity reply, CancellationToken ct)
    {
        var uri = ActivityUri(reply);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(uri, reply, ActivityJsonContext.Default.Activity, ct);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts)
            {
                LogRetry(logger, attempt, ex.StatusCode is { } s ? (int)s : 0);
                await Task.Delay(Backoff(attempt, null), clock, ct);
                continue;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode) return true;
                var status = response.StatusCode;
                var retryable = status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
                    || (int)status >= 500;
                if (!retryable || attempt >= MaxAttempts)
                {
                    LogFailed(logger, (int)status, attempt);
                    return false;
                }
                LogRetry(logger, attempt, (int)status);
                await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), clock, ct);
            }
        }
    }

    public static Uri ActivityUri(Activity reply)
    {
        var baseUrl = reply.ServiceUrl?.TrimEnd('/') ?? throw new InvalidOperationException("A reply needs the serviceUrl of the activity it answers.");
        var conversation = Uri.EscapeDataString(reply.Conversation?.Id ?? throw new InvalidOperationException("A reply needs a conversation."));
        var path = $"{baseUrl}/v3/conversations/{conversation}/activities";
        if (!string.IsNullOrEmpty(reply.ReplyToId)) path += "/" + Uri.EscapeDataString(reply.ReplyToId);
        return new Uri(path);
    }

    private static TimeSpan Backoff(int attempt, System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter)
    {
        var wanted = retryAfter?.Delta ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1) + Random.Shared.Next(0, 100));
        return wanted > MaxRetryDelay ? MaxRetryDelay : wanted;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Connector send attempt {Attempt} failed with {Status}; retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, int status);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Connector refused a reply with {Status} after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, int status, int attempts);
}
