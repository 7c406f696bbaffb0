using Microsoft.AspNetCore.Identity;

namespace PlayDay.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 80;

    public string DisplayName { get; set; } = "";
}
