using CampusCompanion.Cli;

return await CampusCli.RunAsync(args, Console.In, Console.Out, Console.Error);
