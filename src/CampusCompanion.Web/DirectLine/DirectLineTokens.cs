using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampusCompanion.Web.DirectLine;

public enum TokenPurpose { Conversation, Stream }

/// <summary>What a valid token grants: one conversation, as one user, for one purpose.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, TokenPurpose Purpose, DateTimeOffset ExpiresAt);

/// <summary>Signed, short-lived tokens bound to one conversation (HS256 JWT with <c>conv</c>, <c>user</c>, <c>purpose</c>).
/// Web Chat and DirectLineJS read the <c>user</c> claim as the user id.</summary>
public sealed partial class DirectLineTokens
{
    private const string Issuer = "campuscompanion-directline";
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineTokens> logger)
    {
        _options = options.Value;
        _clock = clock;
        _key = new SymmetricSecurityKey(KeyBytes(_options, logger));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    public string Issue(string conversationId, string userId, TokenPurpose purpose = TokenPurpose.Conversation)
    {
        var now = _clock.GetUtcNow();
        var lifetime = purpose == TokenPurpose.Stream ? _options.StreamUrlLifetime : _options.TokenLifetime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["conv"] = conversationId,
                ["user"] = userId,
                ["purpose"] = purpose == TokenPurpose.Stream ? "stream" : "dl",
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public enum Failure { None, Invalid, Expired }

    public async Task<(DirectLineGrant? Grant, Failure Failure)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && e > _clock.GetUtcNow().UtcDateTime && (notBefore is null || notBefore <= _clock.GetUtcNow().UtcDateTime.AddSeconds(30)),
        });
        if (!result.IsValid)
            return (null, result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException ? Failure.Expired : Failure.Invalid);
        var claims = result.Claims;
        string? Claim(string name) => claims.TryGetValue(name, out var value) ? value as string : null;
        if (Claim("conv") is not { } conversation || Claim("user") is not { } user || Claim("purpose") is not { } purpose
            || !claims.ContainsKey("exp"))
            return (null, Failure.Invalid);
        var expires = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(claims["exp"], System.Globalization.CultureInfo.InvariantCulture));
        return (new DirectLineGrant(conversation, user, purpose == "stream" ? TokenPurpose.Stream : TokenPurpose.Conversation, expires), Failure.None);
    }

    /// <summary>Constant-time: the secret must not leak through timing.</summary>
    public bool IsSecret(string candidate) =>
        _options.Secret.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(_options.Secret));

    private static byte[] KeyBytes(DirectLineOptions options, ILogger logger)
    {
        if (options.SigningKey.Length > 0)
        {
            if (options.SigningKey.Length < 32) throw new InvalidOperationException("DirectLine:SigningKey must be at least 32 characters.");
            return SHA256.HashData(Encoding.UTF8.GetBytes(options.SigningKey));
        }
        if (options.Secret.Length > 0) return HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Secret), "campuscompanion directline token key"u8);
        LogEphemeralKey(logger);
        return RandomNumberGenerator.GetBytes(32);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "No DirectLine:SigningKey or DirectLine:Secret configured: tokens are signed with a per-process key, so they only work on this node and until it restarts")]
    private static partial void LogEphemeralKey(ILogger logger);
}
