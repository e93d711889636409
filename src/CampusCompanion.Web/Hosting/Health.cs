using System.Net;
using System.Text.Json;
using CampusCompanion.Core.State;
using CampusCompanion.Redis;
using CampusCompanion.Web.DirectLine;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CampusCompanion.Web.Hosting;

public static class Health
{
    /// <summary><c>GET /healthz</c>: 200 when every store answers, 503 otherwise; says which store and nothing more.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(http.Response.Body, new Dictionary<string, object>
                {
                    ["status"] = report.Status.ToString(),
                    ["store"] = report.Entries.ContainsKey("redis") ? "redis" : "memory",
                    ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            },
        });
        return app;
    }
}

/// <summary>When the shared store is down, a request that would change state is refused with 503 and Retry-After,
/// so channels and Web Chat retry or show the message as not sent — it is never acknowledged as handled.</summary>
public sealed partial class StoreUnavailableHandler(IOptions<RedisOptions> options, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not StoreUnavailableException) return false;
        LogRefused(logger, http.Request.Method, http.GetEndpoint()?.DisplayName ?? "?");
        var retryAfter = options.Value.RetryAfterSeconds;
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = http.Request.Path.StartsWithSegments("/v3/directline")
            ? DirectLineError.Result(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", $"The conversation store is unreachable; please retry in {retryAfter} seconds.")
            : TypedResults.Problem(statusCode: 503, title: "Service unavailable", detail: $"The conversation store is unreachable; please retry in {retryAfter} seconds.");
        await result.ExecuteAsync(http);
        return true;
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Refused {Method} {Endpoint} with 503: the conversation store is unreachable")]
    private static partial void LogRefused(ILogger logger, string method, string endpoint);
}
