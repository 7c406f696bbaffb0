using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.Teams;

/// <summary>
/// Teams of a play day. Anyone signed in creates a team (and is its first member) or asks to join
/// one; members invite people by email and approve requests; nobody joins a team or is added to
/// one without the other side saying yes. Organizers may add a team for others (it starts empty
/// and its invitees accept). Teams change only while the play day is open.
/// </summary>
public sealed class IndexModel(PlayDayDbContext db, TimeProvider clock, BoardNotifier notifier, OutboxSignal outbox, IOptions<CalendarOptions> calendarOptions) : PageModel
{
    public const int MaxInvitesAtOnce = 20;

    public InputModel Input { get; set; } = new();

    public PlayDayEvent PlayDay { get; private set; } = null!;
    public List<Team> Teams { get; private set; } = [];
    public int? MyTeamId { get; private set; }

    /// <summary>Pending invitations and requests of this play day.</summary>
    public List<TeamInvitation> Pending { get; private set; } = [];

    /// <summary>Why teams cannot change now (the play day is over or cancelled), or null.</summary>
    public string? Closed { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private string MyEmail => User.FindFirstValue(ClaimTypes.Email)?.ToUpperInvariant() ?? "";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool IsMember(Team team) => team.Members.Any(m => m.UserId == UserId);

    /// <summary>Team members and organizers look after a team's invitations and requests.</summary>
    public bool Manages(Team team) => IsMember(team) || User.IsOrganizer();

    public TeamInvitation? MyInvitationTo(Team team) =>
        Pending.FirstOrDefault(i => i.TeamId == team.Id && i.Kind == InvitationKind.Invitation && i.NormalizedEmail == MyEmail);

    public TeamInvitation? MyRequestTo(Team team) =>
        Pending.FirstOrDefault(i => i.TeamId == team.Id && i.Kind == InvitationKind.Request && i.CreatedByUserId == UserId);

    public IEnumerable<TeamInvitation> PendingFor(Team team, InvitationKind kind) => Pending.Where(i => i.TeamId == team.Id && i.Kind == kind);

    /// <summary>Earlier discoveries marked "Re-test next quarter": a new team can pick one.</summary>
    public List<ShareBack> Suggestions { get; private set; } = [];

    /// <summary>What each team set out to re-test, by team.</summary>
    public Dictionary<int, ShareBack> Retesting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? retest)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.RetestOf = Suggestions.Any(s => s.Id == retest) ? retest : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(int id, [Bind(Prefix = "Input")] InputModel input)
    {
        Input = input;
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        var forSomeoneElse = Input.ForSomeoneElse && User.IsOrganizer();
        if (!forSomeoneElse && MyTeamId is not null)
        {
            return Refused($"You are already in {Teams.Single(t => t.Id == MyTeamId).Name}. Leave it before creating another team.");
        }
        var name = Input.Name?.Trim() ?? "";
        if (Teams.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Input.Name", $"There is already a team called {name} at this play day.");
        }
        if (Input.RetestOf is { } retestOf && Suggestions.All(s => s.Id != retestOf))
        {
            ModelState.AddModelError("Input.RetestOf", "That discovery is not one to re-test (any more); pick another or none.");
        }
        var emails = ParseEmails(Input.MemberEmails, "Input.MemberEmails");
        if (forSomeoneElse && emails.Count == 0)
        {
            ModelState.AddModelError("Input.MemberEmails", "Invite at least one person to a team you add for others.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ask = forSomeoneElse ? QueueAsk.Late : Input.Ask;
        var team = new Team
        {
            PlayDayId = id,
            Name = name,
            Plan = UserText.Clean(Input.Plan, multiLine: true) ?? "",
            Ask = ask,
            QueueBand = Team.BandFor(ask),
            QueueOrder = Teams.Count == 0 ? 1 : Teams.Max(t => t.QueueOrder) + 1,
            CreatedAtUtc = Now,
            CreatedBy = User.DisplayName(),
            RetestOfShareBackId = Input.RetestOf,
        };
        if (!forSomeoneElse)
        {
            team.Members.Add(new TeamMember { UserId = UserId, PlayDayId = id, JoinedAtUtc = Now });
        }
        await using var write = await notifier.BeginAsync(db, id);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        Invite(team, emails);
        await write.CommitQueueChangeAsync();
        outbox.Wake();
        TempData["Message"] = $"Team {team.Name} is in the share-back queue."
            + (emails.Count > 0 ? $" Invitations went to {string.Join(", ", emails)}; each joins when they accept." : "");
        return RedirectToPage(new { id });
    }

    /// <summary>A member (or an organizer) invites people by email. Whether an address has an account is never revealed.</summary>
    public async Task<IActionResult> OnPostInviteAsync(int id, int teamId, string? emails)
    {
        if (!await LoadAsync(id) || Teams.SingleOrDefault(t => t.Id == teamId) is not { } team)
        {
            return NotFound();
        }
        if (!Manages(team))
        {
            return Forbid();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        var addresses = ParseEmails(emails, "invite-" + teamId);
        if (addresses.Count == 0 && ModelState.IsValid)
        {
            ModelState.AddModelError("invite-" + teamId, "Enter the email address of the person to invite.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Invite(team, addresses);
        await SaveInvitationsAsync();
        outbox.Wake();
        TempData["Message"] = $"Invited {string.Join(", ", addresses)} to {team.Name}. They join when they accept.";
        return RedirectToPage(new { id });
    }

    /// <summary>Asks a team to let me join; its members decide.</summary>
    public async Task<IActionResult> OnPostAskAsync(int id, int teamId)
    {
        if (!await LoadAsync(id) || Teams.SingleOrDefault(t => t.Id == teamId) is not { } team)
        {
            return NotFound();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        if (MyTeamId is { } mine)
        {
            return Refused($"You are already in {Teams.Single(t => t.Id == mine).Name}. Leave it first.");
        }
        if (MyRequestTo(team) is null)
        {
            db.TeamInvitations.Add(new TeamInvitation
            {
                PlayDayId = id,
                TeamId = team.Id,
                Kind = InvitationKind.Request,
                NormalizedEmail = MyEmail,
                CreatedByUserId = UserId,
                CreatedBy = User.DisplayName(),
                CreatedAtUtc = Now,
            });
            await SaveInvitationsAsync();
        }
        TempData["Message"] = $"You asked to join {team.Name}. You are in as soon as one of its members says yes.";
        return RedirectToPage(new { id });
    }

    /// <summary>The invited person accepts an invitation, or a team member (or organizer) approves a request.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(int id, int invitationId)
    {
        if (!await LoadAsync(id) || Pending.SingleOrDefault(i => i.Id == invitationId) is not { } invitation)
        {
            return NotFound();
        }
        var team = Teams.Single(t => t.Id == invitation.TeamId);
        var mayAccept = invitation.Kind == InvitationKind.Invitation ? invitation.NormalizedEmail == MyEmail : Manages(team);
        if (!mayAccept)
        {
            return Forbid();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        var joiningUserId = invitation.Kind == InvitationKind.Invitation ? UserId : invitation.CreatedByUserId;
        if (Teams.FirstOrDefault(t => t.Members.Any(m => m.UserId == joiningUserId)) is { } current)
        {
            return Refused(invitation.Kind == InvitationKind.Invitation
                ? $"You are already in {current.Name}. Leave it first, then accept."
                : $"{invitation.CreatedBy} has joined {current.Name} in the meantime.");
        }
        await using var write = await notifier.BeginAsync(db, id);
        db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = joiningUserId, PlayDayId = id, JoinedAtUtc = Now });
        // Joined: whatever else this person had pending at this play day is settled.
        var email = invitation.Kind == InvitationKind.Invitation ? MyEmail : invitation.NormalizedEmail;
        await db.TeamInvitations.Where(i => i.PlayDayId == id && (i.NormalizedEmail == email || i.CreatedByUserId == joiningUserId)).ExecuteDeleteAsync();
        await write.CommitQueueChangeAsync();
        TempData["Message"] = invitation.Kind == InvitationKind.Invitation ? $"You joined {team.Name}." : $"{invitation.CreatedBy} joined {team.Name}.";
        return RedirectToPage(new { id });
    }

    /// <summary>Declines or withdraws: the invited person, the person who asked, or the team's members and organizers.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(int id, int invitationId)
    {
        if (!await LoadAsync(id) || Pending.SingleOrDefault(i => i.Id == invitationId) is not { } invitation)
        {
            return NotFound();
        }
        var team = Teams.Single(t => t.Id == invitation.TeamId);
        var mine = invitation.Kind == InvitationKind.Invitation ? invitation.NormalizedEmail == MyEmail : invitation.CreatedByUserId == UserId;
        if (!mine && !Manages(team))
        {
            return Forbid();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        await db.TeamInvitations.Where(i => i.Id == invitationId).ExecuteDeleteAsync();
        TempData["Message"] = mine ? "Done: it is withdrawn." : "Done: declined.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Closed is not null)
        {
            return Refused(Closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
        if (await db.TeamMembers.SingleOrDefaultAsync(m => m.PlayDayId == id && m.UserId == UserId) is { } membership)
        {
            db.TeamMembers.Remove(membership);
            await write.CommitQueueChangeAsync();
        }
        TempData["Message"] = "You left your team.";
        return RedirectToPage(new { id });
    }

    /// <summary>Queues an invitation per new address; the email tells them where to accept (after signing up if they must).</summary>
    private void Invite(Team team, IReadOnlyList<string> emails)
    {
        var link = calendarOptions.Value.PublicBaseUrl.TrimEnd('/') + Url.Page("/Teams/Index", new { id = team.PlayDayId });
        foreach (var email in emails)
        {
            var normalized = email.ToUpperInvariant();
            if (normalized == MyEmail
                || Pending.Any(i => i.TeamId == team.Id && i.Kind == InvitationKind.Invitation && i.NormalizedEmail == normalized)
                || team.Members.Any(m => string.Equals(m.User?.NormalizedEmail, normalized, StringComparison.Ordinal)))
            {
                continue;
            }
            db.TeamInvitations.Add(new TeamInvitation
            {
                PlayDayId = team.PlayDayId,
                TeamId = team.Id,
                Kind = InvitationKind.Invitation,
                NormalizedEmail = normalized,
                CreatedByUserId = UserId,
                CreatedBy = User.DisplayName(),
                CreatedAtUtc = Now,
            });
            var who = UserText.OneLine(User.DisplayName());
            var text = $"{who} invited you to join the team “{team.Name}” at {PlayDay.Title} ({PlayDay.Times.LocalLabel}).\n\n"
                + $"Accept or decline here: {link}\n\nIf you have no PlayDay account yet, create one with this address first; the invitation waits for you.";
            var html = HtmlEncoder.Default;
            db.OutgoingMails.Add(new OutgoingMail
            {
                PlayDayId = team.PlayDayId,
                To = email,
                Subject = UserText.OneLine($"{who} invited you to the team {team.Name}"),
                TextBody = text,
                HtmlBody = $"<p>{html.Encode(who)} invited you to join the team <strong>{html.Encode(team.Name)}</strong> at {html.Encode(PlayDay.Title)} ({html.Encode(PlayDay.Times.LocalLabel)}).</p>"
                    + $"<p><a href=\"{html.Encode(link)}\">Accept or decline the invitation</a></p>"
                    + "<p>If you have no PlayDay account yet, create one with this address first; the invitation waits for you.</p>",
                CreatedAtUtc = Now,
                NextAttemptAtUtc = Now,
            });
        }
    }

    /// <summary>Invitations and requests are not board events: they change nobody's team until accepted.</summary>
    private async Task SaveInvitationsAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (!CannotSave.IsStorageFailure(e))
        {
            // The same invitation or request arrived twice at once: one is stored, which is all that was asked.
            // (Storage that fails is not a race: it goes on to the 503 "cannot save", never a silent success.)
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Addresses separated by commas, semicolons, spaces or lines; each problem goes to <paramref name="field"/>.</summary>
    private List<string> ParseEmails(string? text, string field)
    {
        var emails = new List<string>();
        var invalid = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MailAddress.TryCreate(part, out var address) && address.Address.Length <= Invitee.EmailMaxLength
                && string.Equals(address.Address, part, StringComparison.OrdinalIgnoreCase) && UserText.Problem(part) is null)
            {
                emails.Add(address.Address);
            }
            else
            {
                invalid.Add(part.Length > 60 ? part[..60] + "…" : part);
            }
        }
        if (invalid.Count > 0)
        {
            ModelState.AddModelError(field, $"These are not email addresses: {string.Join(", ", invalid)}.");
        }
        emails = emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.Count > MaxInvitesAtOnce)
        {
            ModelState.AddModelError(field, $"Invite at most {MaxInvitesAtOnce} people at a time.");
        }
        return emails;
    }

    /// <summary>A refusal the page explains: the state or a rule forbids it, and nothing changed.</summary>
    private PageResult Refused(string reason)
    {
        ModelState.AddModelError("", reason);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return false;
        }
        PlayDay = playDay;
        Closed = playDay.Refusal(PlayDayAction.ChangeTeams, Now);
        Teams = await Team.Queue(db.Teams, id).AsNoTracking().Include(t => t.Members).ThenInclude(m => m.User).ToListAsync();
        MyTeamId = Teams.FirstOrDefault(IsMember)?.Id;
        Pending = await db.TeamInvitations.AsNoTracking().Where(i => i.PlayDayId == id).OrderBy(i => i.CreatedAtUtc).ToListAsync();
        Suggestions = await Recap.SuggestionsForAsync(db, playDay);
        var retested = Teams.Where(t => t.RetestOfShareBackId is not null).Select(t => t.RetestOfShareBackId!.Value).ToList();
        var originals = await db.ShareBacks.AsNoTracking().Where(s => retested.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        Retesting = Teams.Where(t => t.RetestOfShareBackId is { } r && originals.ContainsKey(r)).ToDictionary(t => t.Id, t => originals[t.RetestOfShareBackId!.Value]);
        return true;
    }

    public sealed class InputModel
    {
        [Display(Name = "Team name")]
        [Required(ErrorMessage = "Give the team a name.")]
        [StringLength(Team.NameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
        [SingleLine]
        public string? Name { get; set; }

        [Display(Name = "What do you plan to explore?")]
        [StringLength(Team.PlanMaxLength, ErrorMessage = "The plan can be at most {1} characters.")]
        [MultiLine]
        public string? Plan { get; set; }

        [Display(Name = "Invite teammates (their emails, optional)")]
        [StringLength(2000, ErrorMessage = "That is too many addresses at once.")]
        public string? MemberEmails { get; set; }

        [Display(Name = "When would you like to present?")]
        public QueueAsk Ask { get; set; } = QueueAsk.Normal;

        [Display(Name = "Add as a late team for others, without joining it (organizers)")]
        public bool ForSomeoneElse { get; set; }

        /// <summary>An earlier discovery that almost worked, which this team sets out to re-test.</summary>
        [Display(Name = "Re-test an earlier discovery? (optional)")]
        public int? RetestOf { get; set; }
    }
}
