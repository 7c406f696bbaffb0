using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>
/// A board page in Chromium whose hub socket runs through Playwright, so that a test can wait until
/// the page has joined the board (the server answered its JoinBoard call), lose an event on the way
/// and cut the connection.
/// </summary>
public sealed class BoardTab
{
    private const char RecordSeparator = '\u001e';

    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IWebSocketRoute? _socket;
    private string? _dropNext;

    private BoardTab(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Opens <paramref name="url"/> in <paramref name="page"/> and returns once the page has joined its board.</summary>
    public static async Task<BoardTab> OpenAsync(IPage page, string url)
    {
        var tab = new BoardTab(page);
        await page.RouteWebSocketAsync("**/hubs/board**", tab.Pass);
        await page.GotoAsync(url);
        await tab._joined.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return tab;
    }

    private void Pass(IWebSocketRoute socket)
    {
        _socket = socket;
        var server = socket.ConnectToServer();
        server.OnMessage(frame =>
        {
            if (frame.Text is { } text)
            {
                text = WithoutDroppedEvent(text);
                if (text.Length > 0)
                {
                    socket.Send(text);
                }
                // The page invokes nothing but JoinBoard, so the first completion (type 3) answers it.
                if (text.Contains("\"type\":3", StringComparison.Ordinal))
                {
                    _joined.TrySetResult();
                }
            }
            else
            {
                socket.Send(frame.Binary!);
            }
        });
    }

    /// <summary>The next <paramref name="eventName"/> event never reaches the page, as if lost on the way (a gap in its numbers).</summary>
    public void DropNext(string eventName) => Volatile.Write(ref _dropNext, eventName);

    /// <summary>The frame's messages (one or more, each ending in the record separator) less the one event to drop.</summary>
    private string WithoutDroppedEvent(string frame)
    {
        if (Volatile.Read(ref _dropNext) is not { } dropped)
        {
            return frame;
        }
        var target = $"\"target\":\"{dropped}\"";
        var messages = frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        var lost = messages.FindIndex(m => m.Contains(target, StringComparison.Ordinal));
        if (lost < 0 || Interlocked.CompareExchange(ref _dropNext, null, dropped) != dropped)
        {
            return frame;
        }
        messages.RemoveAt(lost);
        return string.Concat(messages.Select(m => m + RecordSeparator));
    }

    /// <summary>Closes the page's current hub socket, as a dropped network would.</summary>
    public Task DropConnectionAsync() =>
        _socket?.CloseAsync() ?? throw new InvalidOperationException("The page has no hub socket.");
}
