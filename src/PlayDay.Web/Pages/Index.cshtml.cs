using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages;

public sealed class IndexModel(PlayDayDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The next play day that is not cancelled and not over yet.</summary>
    public PlayDayEvent? Next { get; private set; }
    public List<PlayDayEvent> Upcoming { get; private set; } = [];
    public List<PlayDayEvent> Past { get; private set; } = [];

    /// <summary>The latest play day that went ahead, for "Schedule the next quarter".</summary>
    public PlayDayEvent? Latest { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = await db.PlayDays.AsNoTracking().OrderBy(p => p.StartsAtUtc).ToListAsync();
        var upcoming = all.Where(p => p.EndsAtUtc > now).ToList();
        Next = upcoming.FirstOrDefault(p => !p.IsCancelled);
        Upcoming = upcoming.Where(p => p != Next).ToList();
        Past = all.Where(p => p.EndsAtUtc <= now).Reverse().ToList();
        Latest = all.LastOrDefault(p => !p.IsCancelled);
    }
}
