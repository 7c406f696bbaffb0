using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>
/// Read-only: screens join a play day's board and receive its events. Every change arrives as an
/// ordinary POST with antiforgery (BoardEndpoints), so a cross-site WebSocket can change nothing.
/// Connections and calls are limited per person by <see cref="BoardHubLimits"/>.
/// </summary>
[Authorize]
public sealed class BoardHub(PlayDayDbContext db, BoardHubLimits limits) : Hub<IBoardClient>
{
    public const string Path = "/hubs/board";

    public static string Group(int playDayId) => $"board-{playDayId}";

    /// <summary>Starts receiving a play day's events; returns the board's current sequence number.</summary>
    public async Task<long> JoinBoard(int playDayId)
    {
        if (!await db.PlayDays.AnyAsync(p => p.Id == playDayId))
        {
            throw new HubException($"There is no play day {playDayId}.");
        }
        if (!limits.TryFollow(Context, playDayId))
        {
            throw new HubException("This connection already follows as many boards as it may; leave one first.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(playDayId));
        return await BoardStates.SequenceOf(db, playDayId).FirstOrDefaultAsync();
    }

    public async Task LeaveBoard(int playDayId)
    {
        BoardHubLimits.Unfollow(Context, playDayId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(playDayId));
    }
}
