using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Teams;

/// <summary>Teams of a play day: anyone signed in creates, joins or leaves one; organizers add a late team.</summary>
public sealed class IndexModel(PlayDayDbContext db, TimeProvider clock, BoardNotifier notifier) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PlayDayEvent PlayDay { get; private set; } = null!;
    public List<Team> Teams { get; private set; } = [];
    public int? MyTeamId { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var forSomeoneElse = Input.ForSomeoneElse && User.IsOrganizer();
        if (!forSomeoneElse && MyTeamId is not null)
        {
            ModelState.AddModelError("", $"You are already in {Teams.Single(t => t.Id == MyTeamId).Name}. Leave it before creating another team.");
        }
        var name = Input.Name?.Trim() ?? "";
        if (Teams.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Input.Name", $"There is already a team called {name} at this play day.");
        }
        var members = await MembersAsync(forSomeoneElse);
        if (!ModelState.IsValid || !CanChange())
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ask = forSomeoneElse ? QueueAsk.Late : Input.Ask;
        var team = new Team
        {
            PlayDayId = id,
            Name = name,
            Plan = Input.Plan?.Trim() ?? "",
            Ask = ask,
            QueueBand = Team.BandFor(ask),
            QueueOrder = Teams.Count == 0 ? 1 : Teams.Max(t => t.QueueOrder) + 1,
            CreatedAtUtc = now,
            CreatedBy = User.DisplayName(),
        };
        foreach (var userId in members)
        {
            team.Members.Add(new TeamMember { UserId = userId, PlayDayId = id, JoinedAtUtc = now });
        }
        db.Teams.Add(team);
        await SaveAndAnnounceAsync(id);
        TempData["Message"] = $"Team {team.Name} is in the share-back queue.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostJoinAsync(int id, int teamId)
    {
        if (!await LoadAsync(id) || Teams.SingleOrDefault(t => t.Id == teamId) is not { } team)
        {
            return NotFound();
        }
        if (MyTeamId is { } mine)
        {
            ModelState.AddModelError("", $"You are already in {Teams.Single(t => t.Id == mine).Name}. Leave it first.");
        }
        if (!ModelState.IsValid || !CanChange())
        {
            return Page();
        }
        team.Members.Add(new TeamMember { UserId = UserId, PlayDayId = id, JoinedAtUtc = clock.GetUtcNow().UtcDateTime });
        await SaveAndAnnounceAsync(id);
        TempData["Message"] = $"You joined {team.Name}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanChange())
        {
            return Page();
        }
        var membership = await db.TeamMembers.SingleOrDefaultAsync(m => m.PlayDayId == id && m.UserId == UserId);
        if (membership is not null)
        {
            db.TeamMembers.Remove(membership);
            await SaveAndAnnounceAsync(id);
        }
        TempData["Message"] = "You left your team.";
        return RedirectToPage(new { id });
    }

    /// <summary>The creator (unless an organizer adds a team for others) plus everyone named by email.</summary>
    private async Task<List<string>> MembersAsync(bool forSomeoneElse)
    {
        var members = forSomeoneElse ? new List<string>() : [UserId];
        var emails = (Input.MemberEmails ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.Count == 0)
        {
            if (members.Count == 0)
            {
                ModelState.AddModelError("Input.MemberEmails", "Name at least one member of the team.");
            }
            return members;
        }
        var normalized = emails.Select(e => e.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync();
        var unknown = emails.Where(e => !users.Any(u => string.Equals(u.NormalizedEmail, e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.MemberEmails", $"No account has these addresses: {string.Join(", ", unknown)}. They can register and then join the team.");
        }
        var ids = users.Select(u => u.Id).ToList();
        var taken = Teams.SelectMany(t => t.Members.Where(m => ids.Contains(m.UserId)).Select(m => $"{m.User?.DisplayName} ({t.Name})")).ToList();
        if (taken.Count > 0)
        {
            ModelState.AddModelError("Input.MemberEmails", $"Already in another team: {string.Join(", ", taken)}.");
        }
        return members.Union(ids).ToList();
    }

    private bool CanChange()
    {
        if (PlayDay.IsCancelled)
        {
            ModelState.AddModelError("", "This play day is cancelled, so its teams can no longer change.");
            return false;
        }
        return true;
    }

    private async Task SaveAndAnnounceAsync(int id)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifier.QueueChangedAsync(sequence, id);
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.PlayDays.FindAsync(id) is not { } playDay)
        {
            return false;
        }
        PlayDay = playDay;
        Teams = await BoardView.OrderedQueue(db, id).Include(t => t.Members).ThenInclude(m => m.User).ToListAsync();
        MyTeamId = Teams.FirstOrDefault(t => t.Members.Any(m => m.UserId == UserId))?.Id;
        return true;
    }

    public sealed class InputModel
    {
        [Display(Name = "Team name")]
        [Required(ErrorMessage = "Give the team a name.")]
        [StringLength(Team.NameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
        public string? Name { get; set; }

        [Display(Name = "What do you plan to explore?")]
        [StringLength(Team.PlanMaxLength, ErrorMessage = "The plan can be at most {1} characters.")]
        public string? Plan { get; set; }

        [Display(Name = "Other members (their account emails, optional)")]
        [StringLength(2000)]
        public string? MemberEmails { get; set; }

        [Display(Name = "When would you like to present?")]
        public QueueAsk Ask { get; set; } = QueueAsk.Normal;

        [Display(Name = "Add as a late team for others, without joining it (organizers)")]
        public bool ForSomeoneElse { get; set; }
    }
}
