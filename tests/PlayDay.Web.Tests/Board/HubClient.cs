using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace PlayDay.Web.Tests.Board;

/// <summary>
/// A SignalR client written against the JSON hub protocol over a real WebSocket (the .NET
/// SignalR client cannot be restored here): handshake, invocations and server events.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private int _invocationId;

    private HubClient(ClientWebSocket socket)
    {
        _socket = socket;
        _ = ReceiveLoopAsync();
    }

    /// <summary>Connects as the person whose cookies are in <paramref name="browser"/> (or anonymously); returns the HTTP status when refused.</summary>
    public static async Task<(HubClient? Client, HttpStatusCode? Refused)> TryConnectAsync(PlayDayApp app, Browser? browser, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/hubs/board" }.Uri;
        if (browser?.Cookies is { } cookies)
        {
            socket.Options.SetRequestHeader("Cookie", cookies.GetCookieHeader(app.BaseAddress));
        }
        socket.Options.SetRequestHeader("Origin", origin ?? app.BaseAddress.GetLeftPart(UriPartial.Authority));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
        var client = new HubClient(socket);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.NextRawAsync(TimeSpan.FromSeconds(10));
        Assert.False(handshake.TryGetProperty("error", out var error), $"Handshake refused: {error}");
        return (client, null);
    }

    public static async Task<HubClient> ConnectAsync(PlayDayApp app, Browser browser)
    {
        var (client, refused) = await TryConnectAsync(app, browser);
        return client ?? throw new InvalidOperationException($"The hub refused the connection with {refused}.");
    }

    /// <summary>Calls a hub method; returns its result, or throws <see cref="HubErrorException"/> with the server's message.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var completion = await NextAsync(m => m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == id, TimeSpan.FromSeconds(10));
        if (completion.TryGetProperty("error", out var error))
        {
            throw new HubErrorException(error.GetString() ?? "");
        }
        return completion.TryGetProperty("result", out var result) ? result : default;
    }

    /// <summary>The first argument of the next server event named <paramref name="target"/>.</summary>
    public async Task<JsonElement> NextEventAsync(string target, int seconds = 5)
    {
        var message = await NextAsync(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == target, TimeSpan.FromSeconds(seconds));
        return message.GetProperty("arguments")[0];
    }

    /// <summary>True when no event named <paramref name="target"/> arrives within <paramref name="milliseconds"/>.</summary>
    public async Task<bool> StaysQuietAsync(string target, int milliseconds = 1500)
    {
        try
        {
            await NextEventAsync(target, 0);
            return false;
        }
        catch (TimeoutException)
        {
        }
        try
        {
            await NextAsync(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == target, TimeSpan.FromMilliseconds(milliseconds));
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    private async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var earlier = _seen.FindIndex(m => match(m));
        if (earlier >= 0)
        {
            var found = _seen[earlier];
            _seen.RemoveAt(earlier);
            return found;
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(cancel.Token);
                if (match(message))
                {
                    return message;
                }
                _seen.Add(message);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching hub message within {timeout.TotalSeconds} s.");
        }
    }

    private async Task<JsonElement> NextRawAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _messages.Reader.ReadAsync(cancel.Token);
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, _stop.Token);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end < 0)
                {
                    continue;
                }
                foreach (var record in text[..end].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    var message = JsonDocument.Parse(record).RootElement.Clone();
                    // Pings (type 6) say nothing a test waits for.
                    if (!message.TryGetProperty("type", out var type) || type.GetInt32() != 6)
                    {
                        await _messages.Writer.WriteAsync(message);
                    }
                }
                pending.Clear().Append(text[(end + 1)..]);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        _messages.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
        await _stop.CancelAsync();
        _socket.Dispose();
        _stop.Dispose();
    }
}

public sealed class HubErrorException(string message) : Exception(message);
