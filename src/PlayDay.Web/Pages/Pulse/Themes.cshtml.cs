using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Pulse;

namespace PlayDay.Web.Pages.Pulse;

/// <summary>For organizers: the themes marked in the pulse answers, quarter by quarter.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class ThemesModel(PlayDayDbContext db) : PageModel
{
    public PulseThemes Themes { get; private set; } = null!;

    public async Task OnGetAsync() => Themes = await PulseResults.ThemesAsync(db);
}
