namespace PlayDay.Web.Board;

public sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>Share-back posts and edits one person may make per minute.</summary>
    public int PostsPerMinute { get; set; } = 10;

    /// <summary>Reaction changes one person may make per minute.</summary>
    public int ReactionsPerMinute { get; set; } = 60;

    /// <summary>Other origins (scheme://host:port) whose pages may open the board's WebSocket; the site's own always may.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
