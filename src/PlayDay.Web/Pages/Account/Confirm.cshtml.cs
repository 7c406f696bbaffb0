using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

/// <summary>
/// The link in the confirmation email opens a form, and confirming takes the password chosen at
/// registration. Opening the link changes nothing, so a mail scanner that follows links confirms
/// nobody; and someone who registered another person's address cannot have that person confirm an
/// account whose password the registrant knows: the owner does not know it, and ignores the mail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountThrottle.SignIn)]
public sealed class ConfirmModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>False when the link is broken or expired: the page says so and offers a new one.</summary>
    public bool LinkWorks { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        Input = new InputModel { UserId = userId, Code = code, ReturnUrl = returnUrl };
        return await CheckLinkAsync() switch
        {
            { EmailConfirmed: true } => AlreadyConfirmed(),
            null => Invalid(),
            _ => Page(),
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CheckLinkAsync();
        if (user is null)
        {
            return Invalid();
        }
        if (user.EmailConfirmed)
        {
            return AlreadyConfirmed();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password ?? ""))
        {
            ModelState.AddModelError("Input.Password", "That is not the password chosen for this account. If you did not create it, ignore the email: nothing happens.");
            return Page();
        }
        if (!(await users.ConfirmEmailAsync(user, AccountMail.Decode(Input.Code)!)).Succeeded)
        {
            return Invalid();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = "Your email address is confirmed. Welcome to PlayDay!";
        return LocalRedirect(Url.IsLocalUrl(Input.ReturnUrl) ? Input.ReturnUrl : "/");
    }

    /// <summary>The account the link is for, when the link is whole and not expired; it is not used up by looking.</summary>
    private async Task<AppUser?> CheckLinkAsync()
    {
        var token = AccountMail.Decode(Input.Code);
        var user = string.IsNullOrEmpty(Input.UserId) || token is null ? null : await users.FindByIdAsync(Input.UserId);
        if (user is null || token is null)
        {
            return null;
        }
        if (!user.EmailConfirmed && !await users.VerifyUserTokenAsync(user, identity.Value.Tokens.EmailConfirmationTokenProvider, UserManager<AppUser>.ConfirmEmailTokenPurpose, token))
        {
            return null;
        }
        LinkWorks = true;
        return user;
    }

    private RedirectToPageResult AlreadyConfirmed()
    {
        // A second click does not sign anyone in: the link is not a standing password.
        TempData["Message"] = "Your email address is confirmed. Sign in.";
        return RedirectToPage("Login");
    }

    private PageResult Invalid()
    {
        LinkWorks = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class InputModel
    {
        public string? UserId { get; set; }
        public string? Code { get; set; }

        /// <summary>Where to go once confirmed (only a local address is followed).</summary>
        public string? ReturnUrl { get; set; }

        [Required(ErrorMessage = "Enter the password you chose when you registered.")]
        [DataType(DataType.Password)]
        [StringLength(100)]
        public string? Password { get; set; }
    }
}
