using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

public sealed class LogoutModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends every session of this account, copies of this cookie included,
        // at their next stamp check; deleting the cookie only ends this browser's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
