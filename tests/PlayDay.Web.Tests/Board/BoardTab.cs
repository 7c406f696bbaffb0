using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>
/// A board page in Chromium whose hub socket runs through Playwright, so that a test can wait until
/// the page has joined the board (the server answered its JoinBoard call) and can cut the connection.
/// </summary>
public sealed class BoardTab
{
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IWebSocketRoute? _socket;

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
                socket.Send(text);
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

    /// <summary>Closes the page's current hub socket, as a dropped network would.</summary>
    public Task DropConnectionAsync() =>
        _socket?.CloseAsync() ?? throw new InvalidOperationException("The page has no hub socket.");
}
