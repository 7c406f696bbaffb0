using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.Account;

/// <summary>A new confirmation link for an unconfirmed account; the answer is the same for any address.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountThrottle.LinkRequests)]
public sealed class ResendModel(PlayDayDbContext db, UserManager<AppUser> users, AccountMail mail, OutboxSignal outbox) : PageModel
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
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { EmailConfirmed: false } user)
        {
            db.OutgoingMails.Add(mail.Confirmation(user, await users.GenerateEmailConfirmationTokenAsync(user)));
            await db.SaveChangesAsync();
            outbox.Wake();
        }
        return RedirectToPage(new { sent = true });
    }
}
