using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/CampusCompanion.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
