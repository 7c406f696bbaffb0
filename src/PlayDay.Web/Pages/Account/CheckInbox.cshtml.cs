using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlayDay.Web.Pages.Account;

/// <summary>What every registration sees, whether its address was new or already had an account.</summary>
[AllowAnonymous]
public sealed class CheckInboxModel : PageModel
{
    public void OnGet()
    {
    }
}
