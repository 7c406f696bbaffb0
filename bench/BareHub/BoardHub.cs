using Microsoft.AspNetCore.SignalR;

namespace PlayDay.Bench.BareHub;

/// <summary>Screens join a board's group and get its current sequence number; nothing is checked.</summary>
public sealed class BoardHub(Boards boards) : Hub
{
    public const string Path = "/hubs/board";

    public static string Group(int playDayId) => $"board-{playDayId}";

    public async Task<long> JoinBoard(int playDayId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(playDayId));
        return boards.For(playDayId).Sequence;
    }

    public Task LeaveBoard(int playDayId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(playDayId));
}
