using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.PlayDays;

public sealed class DetailsModel(PlayDayDbContext db) : PageModel
{
    public PlayDayEvent PlayDay { get; private set; } = null!;

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
        return Page();
    }
}
