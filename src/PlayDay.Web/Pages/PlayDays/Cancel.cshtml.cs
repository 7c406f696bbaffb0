using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.PlayDays;

[Authorize(Policy = Roles.Organizer)]
public sealed class CancelModel(PlayDayDbContext db, TimeProvider clock, InviteMail inviteMail, OutboxSignal outbox) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PlayDayEvent PlayDay { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.PlayDays.FindAsync(id) is not { } playDay)
        {
            return NotFound();
        }
        PlayDay = playDay;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await db.PlayDays.FindAsync(id) is not { } playDay)
        {
            return NotFound();
        }
        PlayDay = playDay;
        if (playDay.IsCancelled)
        {
            TempData["Message"] = "This play day was already cancelled.";
            return RedirectToPage("Details", new { id });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (playDay.StateAt(now) == PlayDayState.Past)
        {
            ModelState.AddModelError("", "This play day is over; there is nothing left to cancel.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        playDay.Cancel(User.DisplayName(), Input.Reason, now);
        playDay.Changes.Add(new PlayDayChange
        {
            ChangedAtUtc = now,
            ChangedBy = User.DisplayName(),
            Summary = playDay.CancellationReason is { } reason ? $"Cancelled: {reason}" : "Cancelled",
        });
        var invitees = await inviteMail.QueueForInviteesAsync(db, playDay, CalendarMethod.Cancel, isUpdate: true, now);
        await db.SaveChangesAsync();
        outbox.Wake();
        TempData["Message"] = $"“{playDay.Title}” is cancelled. It stays listed as cancelled."
            + (invitees > 0 ? $" Sending the cancellation to {invitees} invitee(s)." : "");
        return RedirectToPage("Details", new { id });
    }

    public sealed class InputModel
    {
        [Display(Name = "Reason (optional, shown to everyone)")]
        [StringLength(PlayDayEvent.CancellationReasonMaxLength, ErrorMessage = "The reason can be at most {1} characters.")]
        [MultiLine]
        public string? Reason { get; set; }
    }
}
