using BenchmarkDotNet.Running;
using CampusCompanion.Bench;

// In-process turn cost:     dotnet run -c Release --project bench/CampusCompanion.Bench -- --filter '*'
// Direct Line round trips:  dotnet run -c Release --project bench/CampusCompanion.Bench -- directline [conversations] [messages each] [think ms]
// Understanding text:      dotnet run -c Release --project bench/CampusCompanion.Bench -- nlu [grid|crisis]
// Turns on Redis:           dotnet run -c Release --project bench/CampusCompanion.Bench -- redis [conversations] [rounds] [think ms]
if (args is ["redis", ..])
{
    return await RedisTurnLoad.RunAsync(
        conversations: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        rounds: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5,
        thinkTime: TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0));
}
if (args is ["nlu", ..])
{
    var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    return args switch { [_, "grid"] => NluLoad.Grid(root), [_, "crisis"] => NluLoad.Crisis(root), _ => NluLoad.Run(root) };
}
if (args is ["directline", ..])
{
    return await DirectLineLoad.RunAsync(
        conversations: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        messagesEach: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
        thinkTime: TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0));
}
BenchmarkSwitcher.FromAssembly(typeof(TurnBenchmarks).Assembly).Run(args);
return 0;
