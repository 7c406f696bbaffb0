using PlayDay.Bench.BareHub;

// The floor the board is measured against: the same hub path, hub method, events and write
// endpoints as the app's board, with no database, no sign-in and no rendering behind them.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
builder.Services.AddSingleton<Boards>();

var app = builder.Build();
app.MapHub<BoardHub>(BoardHub.Path);
app.MapGet("/healthz", () => Results.Ok(new { status = "Healthy" }));
app.MapBareBoard();
await app.RunAsync();
