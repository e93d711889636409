using CampusCompanion.Web.Hosting;

// Composition root: services and options are added in CampusCompanionApp.Build, endpoints in MapEndpoints.
var app = CampusCompanionApp.Build(args);
if (!app.ContentIsValid()) return 1;   // dialogs/ and locales/ are checked before anything is served
app.MapEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
