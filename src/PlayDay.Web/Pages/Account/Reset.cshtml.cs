using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

/// <summary>
/// The link in the password-reset email. A reset gives the account a new security stamp, which
/// ends every signed-in session; and it confirms the address, since the link reached its mailbox.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountThrottle.LinkRequests)]
public sealed class ResetModel(UserManager<AppUser> users) : PageModel
{
    private const string BrokenLink = "This reset link does not work: it is incomplete, used already, or more than a day old. Ask for a new one.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet(string? userId, string? code)
    {
        Input.UserId = userId;
        Input.Code = code;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var token = AccountMail.Decode(Input.Code);
        var user = token is null || string.IsNullOrEmpty(Input.UserId) ? null : await users.FindByIdAsync(Input.UserId);
        if (user is null || token is null)
        {
            ModelState.AddModelError("", BrokenLink);
            return Page();
        }
        var reset = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!reset.Succeeded)
        {
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                ModelState.AddModelError("", BrokenLink);
            }
            else
            {
                ModelState.AddModelError("Input.Password", string.Join(" ", reset.Errors.Select(e => e.Description).Distinct()));
            }
            return Page();
        }
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        TempData["Message"] = "Your password is changed, and every browser that was signed in is signed out. Sign in with the new password.";
        return RedirectToPage("Login");
    }

    public sealed class InputModel
    {
        public string? UserId { get; set; }

        public string? Code { get; set; }

        [Display(Name = "New password")]
        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "The password must have between {2} and {1} characters.")]
        public string Password { get; set; } = "";

        [Display(Name = "Confirm the new password")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
