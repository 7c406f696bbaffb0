using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.Account;

/// <summary>
/// Registration answers "check your inbox" whether or not the address has an account, and mails
/// the address either a confirmation link or a note that it already has an account, so neither the
/// page nor its timing tells who is registered. The install's first account is the exception: it
/// becomes the organizer and is signed in at once, because a fresh install may have no mail server yet.
/// </summary>
[EnableRateLimiting(AccountThrottle.Registration)]
public sealed class RegisterModel(PlayDayDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher, AccountMail mail, OutboxSignal outbox, TimeProvider clock) : PageModel
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
        var user = new AppUser { UserName = email, Email = email, DisplayName = UserText.Clean(Input.DisplayName)! };

        // The password rules and the hashing come first and cost the same for a new and a taken address.
        var passwordErrors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors.Select(e => e.Description));
        }
        if (passwordErrors.Count > 0)
        {
            // A field shows one message, so all password rules that failed go into one.
            ModelState.AddModelError("Input.Password", string.Join(" ", passwordErrors.Distinct()));
            return Page();
        }
        user.PasswordHash = hasher.HashPassword(user, Input.Password);

        if (await users.FindByEmailAsync(email) is { } owner)
        {
            return await TakenAsync(owner);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // The claim comes first in the transaction: if creating the account fails, the claim goes with it.
        var first = await FirstOrganizer.TryClaimAsync(db, user, clock.GetUtcNow().UtcDateTime);
        user.EmailConfirmed = first;
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            // Someone registered the same address a moment ago.
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail") && await users.FindByEmailAsync(email) is { } racer)
            {
                return await TakenAsync(racer);
            }
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email" : "",
                    error.Description);
            }
            return Page();
        }
        if (first)
        {
            Check(await users.AddToRoleAsync(user, Roles.Organizer));
            await transaction.CommitAsync();
            await signIn.SignInAsync(user, isPersistent: false);
            TempData["Message"] = "Welcome! As this install's first account you are its organizer.";
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        db.OutgoingMails.Add(mail.Confirmation(user, await users.GenerateEmailConfirmationTokenAsync(user), Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        outbox.Wake();
        return RedirectToPage("CheckInbox");
    }

    /// <summary>The address has an account: nothing changes, its owner hears about the attempt, the page says what it says for a new address.</summary>
    private async Task<IActionResult> TakenAsync(AppUser owner)
    {
        db.OutgoingMails.Add(mail.AlreadyRegistered(owner));
        await db.SaveChangesAsync();
        outbox.Wake();
        return RedirectToPage("CheckInbox");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Making the first account an organizer failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public sealed class InputModel
    {
        [Display(Name = "Your name")]
        [Required(ErrorMessage = "Enter your name, as colleagues know you.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Your name can be at most {1} characters.")]
        [SingleLine]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
        [SingleLine]
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
