using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.PlayDays;

/// <summary>Organizers invite people by address, or everyone with an account; each gets a calendar REQUEST.</summary>
[Authorize(Policy = Roles.Organizer)]
public sealed class InviteModel(PlayDayDbContext db, TimeProvider clock, InviteMail inviteMail, OutboxSignal outbox) : PageModel
{
    public const int MaxAddresses = 500;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PlayDayEvent PlayDay { get; private set; } = null!;

    public List<Invitee> Invitees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = PlayDay.IsCancelled ? "This play day is cancelled, so nobody can be invited to it."
            : PlayDay.EndsAtUtc <= now ? "This play day is over, so nobody can be invited to it."
            : null;
        if (closed is not null)
        {
            ModelState.AddModelError("", closed);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (addresses, invalid) = ParseAddresses(Input.Addresses);
        if (invalid.Count > 0)
        {
            ModelState.AddModelError("Input.Addresses", $"These addresses are not valid: {string.Join(", ", invalid)}. Nobody was invited; correct them and send again.");
            return Page();
        }
        if (Input.AllUsers)
        {
            addresses.AddRange(await db.Users.Where(u => u.Email != null).Select(u => u.Email!).ToListAsync());
        }
        var alreadyInvited = Invitees.Select(i => i.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fresh = addresses.Distinct(StringComparer.OrdinalIgnoreCase).Where(a => !alreadyInvited.Contains(a)).ToList();
        if (addresses.Count == 0)
        {
            ModelState.AddModelError("Input.Addresses", "Enter at least one address, or invite everyone with an account.");
            return Page();
        }
        if (fresh.Count > MaxAddresses)
        {
            ModelState.AddModelError("Input.Addresses", $"That is {fresh.Count} new invitees; invite at most {MaxAddresses} at a time.");
            return Page();
        }

        foreach (var address in fresh)
        {
            db.Invitees.Add(new Invitee { PlayDayId = id, Email = address, InvitedAtUtc = now, InvitedBy = User.DisplayName() });
        }
        await inviteMail.QueueForInviteesAsync(db, PlayDay, CalendarMethod.Request, isUpdate: false, now);
        await db.SaveChangesAsync();
        outbox.Wake();
        var skipped = addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count() - fresh.Count;
        TempData["Message"] = $"Sending {fresh.Count} invitation(s)." + (skipped > 0 ? $" {skipped} already invited." : "");
        return RedirectToPage("Details", new { id });
    }

    /// <summary>Splits on commas, semicolons and line breaks; accepts "Name &lt;a@b.c&gt;" and plain addresses.</summary>
    public static (List<string> Valid, List<string> Invalid) ParseAddresses(string? text)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EmailAddress.Parse(part) is { } address)
            {
                valid.Add(address);
            }
            else
            {
                invalid.Add(part);
            }
        }
        return (valid, invalid);
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.PlayDays.FindAsync(id) is not { } playDay)
        {
            return false;
        }
        PlayDay = playDay;
        Invitees = await db.Invitees.Where(i => i.PlayDayId == id).OrderBy(i => i.Email).ToListAsync();
        return true;
    }

    public sealed class InputModel
    {
        [Display(Name = "Email addresses")]
        [StringLength(50_000, ErrorMessage = "That is too much text; paste at most {1} characters at a time.")]
        [MultiLine]
        public string? Addresses { get; set; }

        [Display(Name = "Also invite everyone with a PlayDay account")]
        public bool AllUsers { get; set; }
    }
}
