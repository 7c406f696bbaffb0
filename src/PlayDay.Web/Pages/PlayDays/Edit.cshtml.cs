using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Pages.PlayDays;

[Authorize(Policy = Roles.Organizer)]
public sealed class EditModel(PlayDayDbContext db, TimeProvider clock, InviteMail inviteMail, OutboxSignal outbox) : PageModel
{
    [BindProperty]
    public PlayDayInput Input { get; set; } = new();

    public PlayDayEvent PlayDay { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.PlayDays.FindAsync(id) is not { } playDay)
        {
            return NotFound();
        }
        PlayDay = playDay;
        Input = PlayDayInput.From(playDay);
        return Page();
    }

    /// <summary>Someone saved since this form was opened: show their version, keep nothing of ours silently.</summary>
    private PageResult Conflict(PlayDayEvent current)
    {
        PlayDay = current;
        ModelState.Clear();
        ModelState.AddModelError("", "Someone else saved this play day while you were editing. The form now shows their version; make your changes again.");
        Input = PlayDayInput.From(current);
        Response.StatusCode = StatusCodes.Status409Conflict;
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
            ModelState.AddModelError("", "This play day is cancelled and can no longer be edited. Schedule a new one instead.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Past play days may still be corrected; only a new one must lie in the future.
        var times = Input.Validate(ModelState, now, mustBeInFuture: false);
        if (times is null)
        {
            return Page();
        }
        if (Input.Version != playDay.Version)
        {
            return Conflict(playDay);
        }
        var changes = Input.DescribeChanges(playDay, times);
        if (changes.Count == 0)
        {
            TempData["Message"] = "Nothing changed.";
            return RedirectToPage("Details", new { id });
        }
        var calendarBefore = playDay.CalendarFacts;
        Input.ApplyTo(playDay, times);
        playDay.Changes.Add(new PlayDayChange { ChangedAtUtc = now, ChangedBy = User.DisplayName(), Summary = string.Join('\n', changes) });
        var invitees = 0;
        if (playDay.CalendarFacts != calendarBefore)
        {
            // Time, place or title changed: every invitee's calendar gets the update.
            playDay.IncrementSequence();
            invitees = await inviteMail.QueueForInviteesAsync(db, playDay, CalendarMethod.Request, isUpdate: true, now);
        }
        // The version is checked again by the database, for a save that lands between the check above and here.
        db.Entry(playDay).Property(p => p.Version).OriginalValue = Input.Version;
        playDay.Version++;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(await db.PlayDays.SingleAsync(p => p.Id == id));
        }
        outbox.Wake();
        TempData["Message"] = invitees > 0 ? $"Changes saved. Sending the update to {invitees} invitee(s)." : "Changes saved.";
        return RedirectToPage("Details", new { id });
    }
}
