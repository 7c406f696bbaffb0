using Microsoft.AspNetCore.Identity;

namespace PlayDay.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 80;

    public string DisplayName { get; set; } = "";

    /// <summary>Secret for the personal calendar feed URL; null when the user has none or revoked it.</summary>
    public string? CalendarFeedToken { get; set; }

    /// <summary>SHA-256 of the personal API token (the token itself is shown once, when made).</summary>
    public string? ApiTokenHash { get; set; }
}
