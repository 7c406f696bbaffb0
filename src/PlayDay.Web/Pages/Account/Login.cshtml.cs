using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

[EnableRateLimiting(AccountThrottle.SignIn)]
public sealed class LoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher,
    IOptions<AccountOptions> accounts, IOptions<CompanySignInOptions> company) : PageModel
{
    public const string CompanyFailed = "Company sign-in did not complete (cancelled, refused or expired). Try again.";

    /// <summary>One answer for every failure, so the form does not tell which emails have accounts.</summary>
    public const string NoMatch = "That email and password do not match an account, or the account is not confirmed yet.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set after the company's provider sent the person back without a sign-in.</summary>
    [BindProperty(Name = CompanySignIn.FailedQuery, SupportsGet = true)]
    public bool CompanySignInFailed { get; set; }

    public bool LocalAccounts => accounts.Value.LocalAccounts;

    /// <summary>"Sign in with …", or null when company sign-in is off.</summary>
    public string? CompanyName => company.Value.Enabled ? company.Value.DisplayName : null;

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
