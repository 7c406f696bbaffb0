using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;

namespace PlayDay.Web.Pages.Account;

/// <summary>The sign-in page's "Sign in with …" button: hands the browser to the company's provider (a POST, so antiforgery-checked).</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountThrottle.SignIn)]
public sealed class ExternalModel(IOptions<CompanySignInOptions> settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A link never starts a sign-in; it leads to the sign-in page.</summary>
    public IActionResult OnGet() => RedirectToPage("Login", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });

    public IActionResult OnPost()
    {
        if (!settings.Value.Enabled)
        {
            return NotFound();
        }
        var done = Url.Page("/Account/ExternalDone", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        return Challenge(new AuthenticationProperties { RedirectUri = done }, CompanySignIn.Scheme);
    }
}
