using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Archive;

/// <summary>Every share-back of every play day, newest first, filtered by quarter, play day, team or tool.</summary>
public sealed class IndexModel(PlayDayDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true, Name = "playday")]
    public int? PlayDayId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<(ShareBack ShareBack, PlayDayEvent PlayDay)> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<PlayDayEvent> PlayDays { get; private set; } = [];
    public List<string> Quarters { get; private set; } = [];
    public List<string> Teams { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    public string? FilterProblem { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        var withShareBacks = await db.ShareBacks.AsNoTracking().Select(s => new { s.PlayDayId, s.Tags, TeamName = s.Team!.Name }).ToListAsync();
        var playDayIds = withShareBacks.Select(s => s.PlayDayId).Distinct().ToList();
        PlayDays = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).OrderByDescending(p => p.StartsAtUtc).ToListAsync();
        Quarters = PlayDays.Select(p => p.Quarter.ToString()).Distinct().ToList();
        Teams = withShareBacks.Select(s => s.TeamName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        Tags = withShareBacks.SelectMany(s => s.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var query = db.ShareBacks.AsNoTracking().Include(s => s.Team!.Reactions).AsQueryable();
        if (!string.IsNullOrWhiteSpace(Quarter))
        {
            if (Scheduling.Quarter.TryParse(Quarter, out var quarter))
            {
                var (first, last) = (quarter.FirstDay, quarter.LastDay);
                var inQuarter = db.PlayDays.Where(p => p.Date >= first && p.Date <= last).Select(p => p.Id);
                query = query.Where(s => inQuarter.Contains(s.PlayDayId));
            }
            else
            {
                FilterProblem = $"“{Quarter}” is not a quarter; pick one from the list.";
            }
        }
        if (PlayDayId is { } playDayId)
        {
            query = query.Where(s => s.PlayDayId == playDayId);
        }
        if (!string.IsNullOrWhiteSpace(Team))
        {
            // LIKE without wildcards: an exact, case-insensitive name match.
            var team = Team.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            query = query.Where(s => EF.Functions.Like(s.Team!.Name, team, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            // Tags are stored "a,b,c"; the wrapped form matches whole tags only.
            var wrapped = "," + Tag.Trim().ToLowerInvariant() + ",";
            query = query.Where(s => ("," + s.Tags + ",").Contains(wrapped));
        }
        Total = await query.CountAsync();
        var page = await query.OrderByDescending(s => s.PostedAtUtc).ThenByDescending(s => s.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var pagePlayDays = page.Select(s => s.PlayDayId).Distinct().ToList();
        var byId = await db.PlayDays.AsNoTracking().Where(p => pagePlayDays.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        Items = page.Select(s => (s, byId[s.PlayDayId])).ToList();
    }

    public string PageLink(int page) =>
        Url.Page("Index", new { quarter = Quarter, playday = PlayDayId, team = Team, tag = Tag, p = page })!;
}
