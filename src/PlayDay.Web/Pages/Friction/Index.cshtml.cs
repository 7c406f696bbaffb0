using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Friction;

/// <summary>For organizers: where discoveries get stuck on their way from one team to many.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class IndexModel(PlayDayDbContext db) : PageModel
{
    public Discoveries.Friction Friction { get; private set; } = null!;

    public async Task OnGetAsync() => Friction = await Discoveries.Friction.LoadAsync(db);
}
