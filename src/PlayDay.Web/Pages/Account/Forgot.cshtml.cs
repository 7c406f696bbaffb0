using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.Account;

/// <summary>Mails a password-reset link; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountThrottle.LinkRequests)]
public sealed class ForgotModel(PlayDayDbContext db, UserManager<AppUser> users, AccountMail mail, OutboxSignal outbox) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user)
        {
            db.OutgoingMails.Add(mail.PasswordReset(user, await users.GeneratePasswordResetTokenAsync(user)));
            await db.SaveChangesAsync();
            outbox.Wake();
        }
        return RedirectToPage(new { sent = true });
    }
}
