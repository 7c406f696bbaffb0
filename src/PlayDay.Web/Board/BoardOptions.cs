namespace PlayDay.Web.Board;

public sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>Share-back posts and edits one person may make per minute.</summary>
    public int PostsPerMinute { get; set; } = 10;

    /// <summary>Reaction changes one person may make per minute.</summary>
    public int ReactionsPerMinute { get; set; } = 60;

    /// <summary>
    /// After a team's reactions or questions are announced, further changes to them gather this long
    /// and go out as one update; the first change after a quiet spell goes out at once.
    /// </summary>
    public int AnnounceWindowMilliseconds { get; set; } = 100;

    /// <summary>Board connections (screens) one person may have open at once.</summary>
    public int MaxConnectionsPerUser { get; set; } = 10;

    /// <summary>Board connections the server holds in all; more are refused with 503 (never more than the open-file limit allows).</summary>
    public int MaxConnections { get; set; } = 5000;

    /// <summary>Hub calls (join, leave) one person may make in 10 seconds.</summary>
    public int HubCallsPer10Seconds { get; set; } = 30;

    /// <summary>Boards one connection may follow at once.</summary>
    public int MaxBoardsPerConnection { get; set; } = 4;

    /// <summary>Other origins (scheme://host:port) whose pages may open the board's WebSocket; the site's own always may.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
