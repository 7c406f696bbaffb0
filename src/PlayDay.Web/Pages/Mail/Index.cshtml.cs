using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.Mail;

/// <summary>Every email, site-wide, that failed or is being retried, with the reason; organizers can try a failed one again.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class IndexModel(PlayDayDbContext db, TimeProvider clock, OutboxSignal outbox) : PageModel
{
    public const int PageSize = 50;

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<OutgoingMail> Mails { get; private set; } = [];
    public Dictionary<int, string> PlayDayTitles { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    private IQueryable<OutgoingMail> Troubled =>
        db.OutgoingMails.AsNoTracking().Where(m => m.SentAtUtc == null && (m.GaveUpAtUtc != null || m.LastError != null));

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        Total = await Troubled.CountAsync();
        Mails = await Troubled.OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var playDayIds = Mails.Where(m => m.PlayDayId is not null).Select(m => m.PlayDayId!.Value).Distinct().ToList();
        PlayDayTitles = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title);
    }

    /// <summary>Makes a failed message due now, with a fresh set of attempts.</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        if (await db.OutgoingMails.FindAsync(id) is not { } mail)
        {
            return NotFound();
        }
        if (mail.SentAtUtc is not null || mail.GaveUpAtUtc is null)
        {
            TempData["Message"] = mail.SentAtUtc is not null
                ? $"The email to {mail.To} was sent meanwhile."
                : $"The email to {mail.To} has not failed; it is still being tried.";
            return RedirectToPage(new { p = PageNumber });
        }
        mail.GaveUpAtUtc = null;
        mail.Attempts = 0;
        mail.LastError = null;
        mail.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        outbox.Wake();
        TempData["Message"] = $"Trying the email to {mail.To} again now.";
        return RedirectToPage(new { p = PageNumber });
    }

    public string PageLink(int page) => Url.Page("Index", new { p = page })!;
}
