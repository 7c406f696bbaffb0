using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

/// <summary>The link in the confirmation email: it confirms the address and signs its owner in.</summary>
[AllowAnonymous]
public sealed class ConfirmModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null || token is null)
        {
            return Invalid();
        }
        if (user.EmailConfirmed)
        {
            // A second click does not sign anyone in again: the link is not a standing password.
            TempData["Message"] = "Your email address is confirmed. Sign in.";
            return RedirectToPage("Login");
        }
        if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return Invalid();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = "Your email address is confirmed. Welcome to PlayDay!";
        return LocalRedirect("/");
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
