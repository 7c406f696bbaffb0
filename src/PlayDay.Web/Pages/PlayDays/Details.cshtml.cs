using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.PlayDays;

public sealed class DetailsModel(PlayDayDbContext db) : PageModel
{
    public PlayDayEvent PlayDay { get; private set; } = null!;

    /// <summary>For organizers: how many are invited, and what happened to each email.</summary>
    public int InviteeCount { get; private set; }
    public List<OutgoingMail> Mails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var playDay = await db.PlayDays.AsNoTracking()
            .Include(p => p.Changes.OrderByDescending(c => c.ChangedAtUtc))
            .SingleOrDefaultAsync(p => p.Id == id);
        if (playDay is null)
        {
            return NotFound();
        }
        PlayDay = playDay;
        if (User.IsOrganizer())
        {
            InviteeCount = await db.Invitees.CountAsync(i => i.PlayDayId == id);
            Mails = await db.OutgoingMails.AsNoTracking().Where(m => m.PlayDayId == id).OrderByDescending(m => m.Id).Take(200).ToListAsync();
        }
        return Page();
    }
}
