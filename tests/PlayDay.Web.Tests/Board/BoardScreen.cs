using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PlayDay.Web.Board;

namespace PlayDay.Web.Tests.Board;

/// <summary>
/// A screen following the board through the .NET SignalR client over a real WebSocket, signed in
/// with a browser's cookies and sending this site's Origin, as the board page does. Every event it
/// receives is kept, per event name and in order, for a test to take.
/// </summary>
public sealed class BoardScreen : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Channel<JsonElement>> _events = new(StringComparer.Ordinal);

    private BoardScreen(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in typeof(IBoardClient).GetMethods().Select(m => m.Name))
        {
            var events = Channel.CreateUnbounded<JsonElement>();
            _events[name] = events;
            connection.On<JsonElement>(name, e => events.Writer.TryWrite(e));
        }
    }

    public HubConnection Connection { get; }

    /// <summary>Connects as the person whose cookies are in <paramref name="browser"/>, failing the test when refused.</summary>
    public static async Task<BoardScreen> ConnectAsync(PlayDayApp app, Browser browser)
    {
        var (screen, refused) = await TryConnectAsync(app, browser);
        return screen ?? throw new InvalidOperationException($"The hub refused the connection with {refused}.");
    }

    /// <summary>Connects as the person whose cookies are in <paramref name="browser"/> (or anonymously); the HTTP status when refused.</summary>
    public static async Task<(BoardScreen? Screen, HttpStatusCode? Refused)> TryConnectAsync(PlayDayApp app, Browser? browser)
    {
        var screen = new BoardScreen(Build(app, browser));
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await screen.Connection.StartAsync(timeout.Token);
            return (screen, null);
        }
        catch (HttpRequestException refused) when (refused.StatusCode is not null)
        {
            await screen.DisposeAsync();
            return (null, refused.StatusCode);
        }
    }

    private static HubConnection Build(PlayDayApp app, Browser? browser) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, BoardHub.Path), HttpTransportType.WebSockets, options =>
            {
                options.Cookies = browser is null ? new CookieContainer()
                    : browser.Cookies ?? throw new InvalidOperationException("A hub connection needs the app on a real server (PlayDayApp.WithRealServer).");
                options.Headers["Origin"] = app.BaseAddress.GetLeftPart(UriPartial.Authority);
            })
            .Build();

    /// <summary>Joins a play day's board; returns the board's sequence number.</summary>
    public Task<long> JoinAsync(int playDayId) => Connection.InvokeAsync<long>(nameof(BoardHub.JoinBoard), playDayId);

    /// <summary>The next <paramref name="eventName"/> event this screen received, waiting for it up to <paramref name="seconds"/>.</summary>
    public async Task<JsonElement> NextEventAsync(string eventName, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _events[eventName].Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {eventName} within {seconds} s.");
        }
    }

    /// <summary>How many <paramref name="eventName"/> events arrived that no test has taken yet.</summary>
    public int Waiting(string eventName) => _events[eventName].Reader.Count;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
