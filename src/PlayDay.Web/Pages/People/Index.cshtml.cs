using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.People;

/// <summary>Organizers promote and demote other people; there is always at least one organizer.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class IndexModel(PlayDayDbContext db, UserManager<AppUser> users) : PageModel
{
    public List<Person> People { get; private set; } = [];

    public sealed record Person(string Id, string Name, string Email, bool IsOrganizer);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPromoteAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }
        if (!await users.IsInRoleAsync(user, Roles.Organizer))
        {
            await users.AddToRoleAsync(user, Roles.Organizer);
            await users.UpdateSecurityStampAsync(user);
        }
        TempData["Message"] = $"{user.DisplayName} is now an organizer.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDemoteAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }
        if (await users.IsInRoleAsync(user, Roles.Organizer))
        {
            if ((await users.GetUsersInRoleAsync(Roles.Organizer)).Count <= 1)
            {
                ModelState.AddModelError("", $"{user.DisplayName} is the only organizer. Make someone else an organizer first.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadAsync();
                return Page();
            }
            await users.RemoveFromRoleAsync(user, Roles.Organizer);
            // Ends the organizer rights in their other signed-in sessions at the next stamp check.
            await users.UpdateSecurityStampAsync(user);
        }
        TempData["Message"] = $"{user.DisplayName} is now a participant.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var organizerIds = (await users.GetUsersInRoleAsync(Roles.Organizer)).Select(u => u.Id).ToHashSet();
        People = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync())
            .Select(u => new Person(u.Id, u.DisplayName, u.Email ?? "", organizerIds.Contains(u.Id)))
            .ToList();
    }
}
