using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Board;

/// <summary>
/// Applies <see cref="BoardConnections"/> to every hub connection and call: a connection over a
/// limit is closed at once, a call over the allowance gets an error (the connection stays), and a
/// connection follows at most a few boards. As a hub filter it covers any method added later.
/// </summary>
public sealed class BoardHubLimits(BoardConnections connections, IOptions<BoardOptions> options) : IHubFilter
{
    private const string Counted = "playday:counted";
    private const string Boards = "playday:boards";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var userId = UserId(context.Context);
        if (!connections.TryOpen(userId))
        {
            context.Context.Abort();
            return;
        }
        context.Context.Items[Counted] = true;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(Counted))
        {
            var userId = UserId(context.Context);
            connections.Close(userId);
            connections.Forget(userId);
        }
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!connections.TryCall(UserId(invocationContext.Context)))
        {
            throw new HubException("Too many board requests at once; slow down and try again in a few seconds.");
        }
        return await next(invocationContext);
    }

    /// <summary>Notes that this connection follows <paramref name="playDayId"/>; false when it already follows as many boards as it may.</summary>
    public bool TryFollow(HubCallerContext context, int playDayId)
    {
        if (!context.Items.ContainsKey(Counted))
        {
            return false;
        }
        // Made on the first join: an idle screen that never joined holds none.
        if (context.Items.TryGetValue(Boards, out var followed) is false || followed is not HashSet<int> boards)
        {
            boards = [];
            context.Items[Boards] = boards;
        }
        if (!boards.Contains(playDayId) && boards.Count >= options.Value.MaxBoardsPerConnection)
        {
            return false;
        }
        boards.Add(playDayId);
        return true;
    }

    public static void Unfollow(HubCallerContext context, int playDayId)
    {
        if (context.Items.TryGetValue(Boards, out var followed) && followed is HashSet<int> boards)
        {
            boards.Remove(playDayId);
        }
    }

    private static string UserId(HubCallerContext context) => context.User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
