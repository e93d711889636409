using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampusCompanion.Redis;

/// <summary>The one place key names are made: <c>cc:{env}:{kind}:{hash}</c>. Identifiers of people and
/// conversations are hashed, so no raw user id, conversation id or name is ever part of a key.</summary>
public sealed class RedisKeys
{
    private readonly string _prefix;
    private readonly byte[] _pepper;

    public RedisKeys(IOptions<RedisOptions> options)
    {
        _prefix = $"cc:{options.Value.Environment}:";
        _pepper = Encoding.UTF8.GetBytes(options.Value.KeyPepper);
    }

    public string Prefix => _prefix;

    public RedisKey Conversation(string channelId, string conversationId) => _prefix + "conv:" + Hash(channelId, conversationId);
    public RedisKey User(string channelId, string userId) => _prefix + "user:" + Hash(channelId, userId);

    /// <summary>The per-user index of every key that holds something about that user.</summary>
    public RedisKey UserIndex(string channelId, string userId) => _prefix + "idx:" + Hash(channelId, userId);

    public RedisKey DirectLineMeta(string conversationId) => _prefix + "dl:" + Hash("directline", conversationId) + ":meta";
    public RedisKey DirectLineLog(string conversationId) => _prefix + "dl:" + Hash("directline", conversationId) + ":log";

    /// <summary>Only a number: the last activity sequence of a conversation, kept after an erasure so ids never repeat.</summary>
    public RedisKey DirectLineSequence(string conversationId) => _prefix + "dl:" + Hash("directline", conversationId) + ":seq";

    public RedisChannel DirectLineNews => RedisChannel.Literal(_prefix + "dl:news");

    public string Hash(string scope, string id)
    {
        var input = Encoding.UTF8.GetBytes(scope + "\n" + id);
        var digest = _pepper.Length == 0 ? SHA256.HashData(input) : HMACSHA256.HashData(_pepper, input);
        return Convert.ToBase64String(digest, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
