using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

public sealed class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
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
        var email = Input.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = Input.DisplayName.Trim() };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            // A field shows one message, so all password rules that failed go into one.
            var passwordErrors = created.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToList();
            if (passwordErrors.Count > 0)
            {
                ModelState.AddModelError("Input.Password", string.Join(" ", passwordErrors));
            }
            foreach (var error in created.Errors.Where(e => !e.Code.StartsWith("Password", StringComparison.Ordinal)))
            {
                var duplicate = error.Code is "DuplicateUserName" or "DuplicateEmail";
                ModelState.AddModelError(duplicate || error.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email" : "",
                    duplicate ? "An account with that email already exists. Sign in instead." : error.Description);
            }
            return Page();
        }
        // A fresh install needs someone to schedule play days: the first account is an organizer.
        if ((await users.GetUsersInRoleAsync(Roles.Organizer)).Count == 0)
        {
            await users.AddToRoleAsync(user, Roles.Organizer);
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public sealed class InputModel
    {
        [Display(Name = "Your name")]
        [Required(ErrorMessage = "Enter your name, as colleagues know you.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Your name can be at most {1} characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "The password must have between {2} and {1} characters.")]
        public string Password { get; set; } = "";

        [Display(Name = "Confirm password")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
