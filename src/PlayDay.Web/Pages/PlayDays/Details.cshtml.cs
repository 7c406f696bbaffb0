using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Pulse;
using PlayDay.Web.Rsvps;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Pages.PlayDays;

public sealed class DetailsModel(PlayDayDbContext db, TimeProvider clock) : PageModel
{
    public PlayDayEvent PlayDay { get; private set; } = null!;

    /// <summary>For organizers: how many are invited, and what happened to each email.</summary>
    public int InviteeCount { get; private set; }
    public List<OutgoingMail> Mails { get; private set; } = [];

    /// <summary>The signed-in person's answer to "Are you coming?", if any.</summary>
    public Rsvp? MyAnswer { get; private set; }

    /// <summary>Why answers are closed (cancelled, over), or null while people may answer.</summary>
    public string? AnswersClosed { get; private set; }

    /// <summary>For organizers: who answered what, and the invitees who have not answered.</summary>
    public Headcount? Answers { get; private set; }

    /// <summary>For organizers: the calendar replies read for this play day, newest first, with what each did.</summary>
    public List<RsvpMail> ReplyMails { get; private set; } = [];

    /// <summary>For organizers: each team's follow-up emails (null for everyone else).</summary>
    public FollowUpStatus? FollowUps { get; private set; }

    public sealed record Person(string Name, string Email, Rsvp? Answer);

    public sealed record Headcount(List<Person> Going, List<Person> Maybe, List<Person> NotGoing, List<Person> NoAnswer, int Invited)
    {
        public List<Person> With(RsvpResponse response) => response switch
        {
            RsvpResponse.Going => Going,
            RsvpResponse.Maybe => Maybe,
            _ => NotGoing,
        };
    }

    /// <summary>Over: the page is the play day's recap, and nobody joins a call any more.</summary>
    public bool IsPast { get; private set; }

    /// <summary>A past play day's share-backs with what became of each.</summary>
    public Recap? Recap { get; private set; }

    /// <summary>Before and during a play day: what became of the previous quarter's discoveries.</summary>
    public (Quarter Quarter, Recap Recap)? LastQuarter { get; private set; }

    /// <summary>Teams can still form, so a suggested experiment can be picked from here.</summary>
    public bool MayFormTeams { get; private set; }

    /// <summary>The pulse questions this person has not answered yet and may now, or null.</summary>
    public PulseMoment? PulseInvite { get; private set; }

    public static readonly RsvpResponse[] Choices = [RsvpResponse.Going, RsvpResponse.Maybe, RsvpResponse.NotGoing];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>The signed-in person answers for their account's address; a later answer replaces an earlier one.</summary>
    public async Task<IActionResult> OnPostRespondAsync(int id, string? answer)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (AnswersClosed is { } closed)
        {
            ModelState.AddModelError("", closed);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!Enum.TryParse<RsvpResponse>(answer, ignoreCase: true, out var response) || !Choices.Contains(response)
            || !answer!.All(char.IsAsciiLetter))
        {
            ModelState.AddModelError("", "Choose Going, Maybe or Not going.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await MyEmailAsync() is not { } email)
        {
            ModelState.AddModelError("", "Your account has no email address to answer for.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await Responses.SaveAsync(db,
            () => Responses.RecordAsync(db, id, email, response, RsvpSource.Site, now, null, HttpContext.RequestAborted),
            HttpContext.RequestAborted);
        TempData["Message"] = $"Thanks: your answer is “{Rsvp.Label(response)}”. You can change it any time before the play day ends.";
        return RedirectToPage(new { id });
    }

    private async Task<string?> MyEmailAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var playDay = await db.PlayDays.AsNoTracking()
            .Include(p => p.Changes.OrderByDescending(c => c.ChangedAtUtc))
            .SingleOrDefaultAsync(p => p.Id == id);
        if (playDay is null)
        {
            return false;
        }
        PlayDay = playDay;
        var now = clock.GetUtcNow().UtcDateTime;
        AnswersClosed = playDay.Refusal(PlayDayAction.Respond, now);
        var state = playDay.StateAt(now);
        IsPast = state == PlayDayState.Past;
        MayFormTeams = playDay.Refusal(PlayDayAction.ChangeTeams, now) is null;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (PulseChanges.MomentOf(playDay, now) is { } moment && userId is not null
            && (moment == PulseMoment.AfterPlayDay || await db.TeamMembers.AnyAsync(m => m.PlayDayId == id && m.UserId == userId))
            && !await db.PulseResponses.AnyAsync(r => r.PlayDayId == id && r.Moment == moment && r.UserId == userId))
        {
            PulseInvite = moment;
        }
        if (IsPast)
        {
            Recap = await Recap.OfAsync(db, db.ShareBacks.Where(s => s.PlayDayId == id));
        }
        else if (state != PlayDayState.Cancelled)
        {
            LastQuarter = await Recap.LastQuarterAsync(db, playDay);
        }
        if (await MyEmailAsync() is { } myEmail)
        {
            var normalized = Rsvp.Normalize(myEmail);
            MyAnswer = await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.PlayDayId == id && r.NormalizedEmail == normalized);
        }
        if (User.IsOrganizer())
        {
            InviteeCount = await db.Invitees.CountAsync(i => i.PlayDayId == id);
            Mails = await db.OutgoingMails.AsNoTracking().Where(m => m.PlayDayId == id).OrderByDescending(m => m.Id).Take(200).ToListAsync();
            Answers = await HeadcountAsync(id);
            ReplyMails = await db.RsvpMails.AsNoTracking().Where(m => m.PlayDayId == id).OrderByDescending(m => m.Id).Take(50).ToListAsync();
            FollowUps = await FollowUpStatus.ForAsync(db, playDay);
        }
        return true;
    }

    /// <summary>Everyone who answered (invited or not) by answer, and the invitees without one; named by their account when they have one.</summary>
    private async Task<Headcount> HeadcountAsync(int id)
    {
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.PlayDayId == id).ToListAsync();
        var invitees = (await db.Invitees.AsNoTracking().Where(i => i.PlayDayId == id).Select(i => i.Email).ToListAsync())
            .DistinctBy(Rsvp.Normalize).ToList();
        var addresses = rsvps.Select(r => r.NormalizedEmail).Concat(invitees.Select(Rsvp.Normalize)).Distinct().ToList();
        var names = (await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail != null && addresses.Contains(u.NormalizedEmail))
                .Select(u => new { u.NormalizedEmail, u.DisplayName })
                .ToListAsync())
            .Where(u => !string.IsNullOrWhiteSpace(u.DisplayName))
            .DistinctBy(u => u.NormalizedEmail)
            .ToDictionary(u => u.NormalizedEmail!, u => u.DisplayName);
        Person PersonOf(string email, Rsvp? answer) => new(names.GetValueOrDefault(Rsvp.Normalize(email)) ?? email, email, answer);

        var answered = rsvps.Select(r => PersonOf(r.Email, r)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var answeredAddresses = rsvps.Select(r => r.NormalizedEmail).ToHashSet(StringComparer.Ordinal);
        return new Headcount(
            answered.Where(p => p.Answer!.Response == RsvpResponse.Going).ToList(),
            answered.Where(p => p.Answer!.Response == RsvpResponse.Maybe).ToList(),
            answered.Where(p => p.Answer!.Response == RsvpResponse.NotGoing).ToList(),
            invitees.Where(e => !answeredAddresses.Contains(Rsvp.Normalize(e))).Select(e => PersonOf(e, null))
                .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
            invitees.Count);
    }
}
