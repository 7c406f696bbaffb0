using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Archive;

/// <summary>Organizers see what was deleted, newest first, and open each to restore it.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class DeletedModel(PlayDayDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<(ShareBack ShareBack, string PlayDay)> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var deleted = db.ShareBacks.IgnoreQueryFilters().AsNoTracking().Where(s => s.DeletedAtUtc != null);
        Total = await deleted.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var page = await deleted.Include(s => s.Team).OrderByDescending(s => s.DeletedAtUtc).ThenByDescending(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var ids = page.Select(s => s.PlayDayId).Distinct().ToList();
        var titles = await db.PlayDays.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title);
        Items = page.Select(s => (s, titles[s.PlayDayId])).ToList();
    }
}
