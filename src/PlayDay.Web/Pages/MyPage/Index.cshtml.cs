using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.MyPage;

/// <summary>The signed-in user's own page: their personal calendar feed link, their API token, their password.</summary>
public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, PlayDayCalendar calendar) : PageModel
{
    public AppUser Me { get; private set; } = null!;

    public Uri? FeedUrl { get; private set; }

    /// <summary>The same feed as webcal://, which calendar apps open as a subscription.</summary>
    public string? WebcalUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateFeedAsync()
    {
        await LoadAsync();
        Me.CalendarFeedToken = NewToken();
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your calendar link is ready. Add it to your calendar app as a subscription.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync()
    {
        await LoadAsync();
        Me.CalendarFeedToken = null;
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your calendar link is turned off. Calendars using it stop updating.";
        return RedirectToPage();
    }

    /// <summary>Shown once, right after it is made; only its hash is stored.</summary>
    [TempData]
    public string? NewApiToken { get; set; }

    public async Task<IActionResult> OnPostCreateApiTokenAsync()
    {
        await LoadAsync();
        var token = NewToken();
        Me.ApiTokenHash = Accounts.ApiTokenAuthentication.Hash(token);
        await users.UpdateAsync(Me);
        NewApiToken = token;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeApiTokenAsync()
    {
        await LoadAsync();
        Me.ApiTokenHash = null;
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your API token is revoked.";
        return RedirectToPage();
    }

    [BindProperty]
    public PasswordInput NewPassword { get; set; } = new();

    /// <summary>
    /// The new password gives the account a new security stamp: every other session ends at its next
    /// stamp check, and this one is signed in again with the new stamp, so it continues.
    /// </summary>
    public async Task<IActionResult> OnPostChangePasswordAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var changed = await users.ChangePasswordAsync(Me, NewPassword.Current, NewPassword.Password);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                ModelState.AddModelError("NewPassword.Current", "That is not your current password.");
            }
            else
            {
                ModelState.AddModelError("NewPassword.Password", string.Join(" ", changed.Errors.Select(e => e.Description).Distinct()));
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(Me);
        TempData["Message"] = "Your password is changed. You stay signed in here; every other browser is signed out.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in user has no account.");
        if (Me.CalendarFeedToken is { } token)
        {
            FeedUrl = calendar.FeedUrl(token);
            WebcalUrl = "webcal://" + FeedUrl.Authority + FeedUrl.PathAndQuery;
        }
    }

    /// <summary>32 random bytes, URL-safe: the feed's only protection, so it must not be guessable.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed class PasswordInput
    {
        [Display(Name = "Current password")]
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        public string Current { get; set; } = "";

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
