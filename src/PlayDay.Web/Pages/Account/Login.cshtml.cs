using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

[EnableRateLimiting(AccountThrottle.SignIn)]
public sealed class LoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher) : PageModel
{
    /// <summary>One answer for every failure, so the form does not tell which emails have accounts.</summary>
    public const string NoMatch = "That email and password do not match an account, or the account is not confirmed yet.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        // The password is checked, with the same cost, whether or not the address has an account and
        // before asking whether it is confirmed: neither the answer nor its timing tells them apart.
        var passwordMatches = user is null
            ? PasswordWork.VerifyWithoutAccount(hasher, Input.Password)
            : await users.CheckPasswordAsync(user, Input.Password);
        if (user is not null && passwordMatches && await signIn.CanSignInAsync(user))
        {
            await signIn.SignInAsync(user, Input.RememberMe, authenticationMethod: "pwd");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        ModelState.AddModelError("", NoMatch);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
