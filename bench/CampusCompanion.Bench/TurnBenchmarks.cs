using BenchmarkDotNet.Attributes;
using CampusCompanion.Core.Hosting;
using CampusCompanion.Core.Protocol;
using CampusCompanion.Core.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampusCompanion.Bench;

/// <summary>In-process cost of one turn of the study-choice reflection: the whole pipeline (normalise, language,
/// safety screen, recognise, dialog runtime, compare-and-set save in the in-memory store), on the shipped content.</summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    // One full reflection: welcome + menu, start, six answers, the free-text strengths, and "done".
    private static readonly string[] Script = ["hoi", "1", "1", "2", "vaag", "Deels", "ja", "Ik kan goed plannen en luisteren naar anderen", "3"];

    private ServiceProvider _services = null!;
    private TurnProcessor _processor = null!;
    private int _conversation;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        _services = new ServiceCollection().AddLogging().AddCampusCompanionCore(configuration).BuildServiceProvider();
        _processor = _services.GetRequiredService<TurnProcessor>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(OperationsPerInvoke = 9, Description = "study-choice reflection, per turn")]
    public async Task<int> StudyChoiceTurn()
    {
        var conversation = new ConversationAccount { Id = "bench-" + Interlocked.Increment(ref _conversation) };
        var user = new ChannelAccount { Id = "bench-user-" + _conversation, Role = "user" };
        var bot = new ChannelAccount { Id = "bot", Role = "bot" };
        var replies = 0;
        foreach (var text in Script)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message, Id = "a", ChannelId = "bench", Conversation = conversation,
                From = user, Recipient = bot, Locale = "nl-NL", Text = text,
            };
            replies += (await _processor.ProcessAsync(activity, default)).Replies.Count;
        }
        return replies;
    }
}
