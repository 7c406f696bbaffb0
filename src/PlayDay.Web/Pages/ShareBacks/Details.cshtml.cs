using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;

namespace PlayDay.Web.Pages.ShareBacks;

/// <summary>
/// A share-back's permalink: the whole text, its reactions and its history; what became of the
/// discovery (outcome, figures, timeline), who else wants to try it or uses it, and the questions
/// to the team. Every edit, delete and restore is a revision; organizers can bring any of them
/// back, and can see and restore a deleted share-back.
/// </summary>
public sealed class DetailsModel(PlayDayDbContext db, ShareBackChanges changes, DiscoveryChanges discoveries, QuestionChanges questions,
    BoardStates states, TimeProvider clock) : PageModel, IOutcomeForm
{
    [BindProperty]
    public OutcomeInput Report { get; set; } = new();

    public Outcome Current => ShareBack.Outcome;

    /// <summary>The adopter's own team, as they name it ("Finance operations").</summary>
    [BindProperty]
    [Display(Name = "Your team")]
    [StringLength(Adoption.TeamNameMaxLength, ErrorMessage = "The team name can be at most {1} characters.")]
    [SingleLine]
    public string? AdopterTeam { get; set; }

    [BindProperty]
    [Display(Name = "Your question (Markdown)")]
    [StringLength(Question.TextMaxLength, ErrorMessage = "The question can be at most {1} characters.")]
    [MultiLine]
    public string? QuestionText { get; set; }

    [BindProperty]
    [StringLength(Question.AnswerMaxLength, ErrorMessage = "The answer can be at most {1} characters.")]
    [MultiLine]
    public string? AnswerText { get; set; }

    [BindProperty]
    [Display(Name = "What slows it down")]
    public BlockerKind? BlockerKind { get; set; }

    [BindProperty]
    [Display(Name = "Note (what exactly, who could help)")]
    [StringLength(Blocker.NoteMaxLength, ErrorMessage = "The note can be at most {1} characters.")]
    [MultiLine]
    public string? BlockerNote { get; set; }

    /// <summary>What slows this discovery down, open ones first.</summary>
    public List<Blocker> Blockers { get; private set; } = [];

    /// <summary>This person may record a blocker now (the team or an organizer, while the discovery is under way).</summary>
    public bool CanRecordBlocker => CanReport && BlockerKinds.AppliesTo(ShareBack.Outcome);

    public DiscoveryCard Discovery { get; private set; } = null!;
    public List<OutcomeUpdate> Timeline { get; private set; } = [];
    public List<Adoption> Adoptions { get; private set; } = [];
    public Adoption? MyAdoption { get; private set; }
    public IReadOnlyList<QuestionCard> Questions { get; private set; } = [];
    public bool IsTeamMember { get; private set; }

    /// <summary>Whether the page shows this person the form a refusal is keyed by.</summary>
    public bool Shows(string form) => form switch
    {
        "report" => CanReport,
        "adopt" => CanAdopt,
        "ask" => CanAsk,
        "blocker" => CanReport,
        _ => form.StartsWith("answer-", StringComparison.Ordinal) && CanAnswer,
    };

    /// <summary>The earlier discovery this team set out to re-test, if any.</summary>
    public ShareBack? RetestOf { get; private set; }

    /// <summary>Later teams that set out to re-test this discovery.</summary>
    public IReadOnlyList<Retest> RetestedBy { get; private set; } = [];
    public bool CanReport { get; private set; }
    public bool CanAdopt { get; private set; }
    public bool CanAsk { get; private set; }
    public bool CanAnswer { get; private set; }

    /// <summary>Which form a refusal belongs to, so the message shows beside it.</summary>
    public string? FailedForm { get; private set; }

    public const int RevisionsPerPage = 10;

    public ShareBack ShareBack { get; private set; } = null!;
    public PlayDayEvent PlayDay { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }
    public bool IsOrganizer => User.IsOrganizer();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int RevisionPage { get; set; } = 1;

    public int RevisionCount { get; private set; }

    public int RevisionPages => Math.Max(1, (RevisionCount + RevisionsPerPage - 1) / RevisionsPerPage);

    /// <summary>Newest first: each revision with the text of the version that replaced it.</summary>
    public List<(ShareBackRevision Before, string AfterTitle, string AfterTags, string AfterBody)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUndeleteAsync(int id) =>
        await DoneAsync(id, await changes.UndeleteAsync(id, Actor.Of(User)), "The share-back is back.");

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revisionId) =>
        await DoneAsync(id, await changes.RestoreRevisionAsync(id, revisionId, Actor.Of(User)), "That version is the current one again; the one it replaced is kept in the history.");

    public async Task<IActionResult> OnPostReportAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, "report", 400, null);
        }
        var result = await discoveries.ReportAsync(id, Actor.Of(User), Report.Outcome, Report.Figures, Report.Note);
        return result.Refused
            ? await RefusedAsync(id, "report", result.Status, result.Refusal)
            : Done(id, "The outcome is recorded; the timeline below keeps every change.", "outcome-heading");
    }

    public async Task<IActionResult> OnPostBlockerAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, "blocker", 400, null);
        }
        var result = await discoveries.RecordBlockerAsync(id, Actor.Of(User), BlockerKind, BlockerNote);
        return result.Refused
            ? await RefusedAsync(id, "blocker", result.Status, result.Refusal)
            : Done(id, "Noted. Organizers see which blockers recur across discoveries, so they can take them up.", "blockers-heading");
    }

    public async Task<IActionResult> OnPostClearBlockerAsync(int id, int blockerId)
    {
        var result = await discoveries.ClearBlockerAsync(id, blockerId, Actor.Of(User));
        return result.Refused
            ? await RefusedAsync(id, "blocker", result.Status, result.Refusal)
            : Done(id, "Cleared: it stays on the record as something that was in the way.", "blockers-heading");
    }

    public async Task<IActionResult> OnPostAdoptAsync(int id, string? stage)
    {
        AdoptionStage? wanted = stage switch
        {
            "try" => AdoptionStage.WantToTry,
            "using" => AdoptionStage.UsingNow,
            "withdraw" => null,
            _ => (AdoptionStage)(-1),
        };
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, "adopt", 400, null);
        }
        var result = await discoveries.AdoptAsync(id, Actor.Of(User), wanted, AdopterTeam);
        return result.Refused
            ? await RefusedAsync(id, "adopt", result.Status, result.Refusal)
            : Done(id, wanted switch
            {
                AdoptionStage.WantToTry => "You are on the list of people trying it; the team has been told, so they can help.",
                AdoptionStage.UsingNow => "Your team is listed as using it now; the discoverers have been told.",
                _ => "You are off the list.",
            }, "spreading-heading");
    }

    public async Task<IActionResult> OnPostAskAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, "ask", 400, null);
        }
        var shareBack = await db.ShareBacks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null)
        {
            return NotFound();
        }
        var result = await questions.AskAsync(shareBack.PlayDayId, shareBack.TeamId, Actor.Of(User), QuestionText);
        return result.Refused
            ? await RefusedAsync(id, "ask", result.Status, result.Refusal)
            : Done(id, "Your question is asked; the team has been told.", $"question-{result.QuestionId}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, int questionId)
    {
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, $"answer-{questionId}", 400, null);
        }
        var shareBack = await db.ShareBacks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null || !await db.Questions.AnyAsync(q => q.Id == questionId && q.TeamId == shareBack.TeamId))
        {
            return NotFound();
        }
        var result = await questions.AnswerAsync(shareBack.PlayDayId, questionId, Actor.Of(User), AnswerText);
        return result.Refused
            ? await RefusedAsync(id, $"answer-{questionId}", result.Status, result.Refusal)
            : Done(id, "Your answer is posted.", $"question-{questionId}");
    }

    private RedirectToPageResult Done(int id, string message, string fragment)
    {
        TempData["Message"] = message;
        return RedirectToPage(null, null, new { id }, fragment);
    }

    /// <summary>The page again with what was typed kept and the reason beside the form it belongs to.</summary>
    private async Task<IActionResult> RefusedAsync(int id, string form, int status, string? reason)
    {
        FailedForm = form;
        if (status == 404 || !await LoadAsync(id))
        {
            return NotFound();
        }
        if (reason is not null)
        {
            ModelState.AddModelError(form, reason);
        }
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> DoneAsync(int id, ShareBackChanges.Outcome outcome, string message)
    {
        switch (outcome.Status)
        {
            case 403:
                return Forbid();
            case 404:
                return NotFound();
        }
        if (outcome.Refused)
        {
            await LoadAsync(id);
            ModelState.AddModelError("", outcome.Refusal!);
            Response.StatusCode = outcome.Status;
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var shareBacks = IsOrganizer ? db.ShareBacks.IgnoreQueryFilters() : db.ShareBacks;
        var shareBack = await shareBacks.AsNoTracking().Include(s => s.Team!.Reactions).SingleOrDefaultAsync(s => s.Id == id);
        if (shareBack is null)
        {
            return false;
        }
        ShareBack = shareBack;
        PlayDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow().UtcDateTime;
        var mayChange = !shareBack.IsDeleted && (IsOrganizer || await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == userId));
        CanEdit = mayChange && PlayDay.Refusal(PlayDayAction.EditShareBack, now, IsOrganizer) is null;
        CanDelete = mayChange && PlayDay.Refusal(PlayDayAction.DeleteShareBack, now, IsOrganizer) is null;
        IsTeamMember = await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == userId);
        CanReport = mayChange && PlayDay.Refusal(PlayDayAction.ReportOutcome, now, IsOrganizer) is null;
        CanAdopt = !shareBack.IsDeleted && !IsTeamMember && PlayDay.Refusal(PlayDayAction.Adopt, now) is null;
        CanAsk = !shareBack.IsDeleted && PlayDay.Refusal(PlayDayAction.AskQuestion, now) is null;
        CanAnswer = mayChange && PlayDay.Refusal(PlayDayAction.EditShareBack, now, IsOrganizer) is null;
        Adoptions = await db.Adoptions.AsNoTracking().Where(a => a.ShareBackId == id).OrderBy(a => a.CreatedAtUtc).ToListAsync();
        MyAdoption = Adoptions.FirstOrDefault(a => a.UserId == userId);
        Discovery = DiscoveryCard.Of(shareBack, Adoptions);
        Blockers = await db.Blockers.AsNoTracking().Where(b => b.ShareBackId == id)
            .OrderBy(b => b.ClearedAtUtc != null).ThenByDescending(b => b.RecordedAtUtc).ThenByDescending(b => b.Id).Take(100).ToListAsync();
        Timeline = await db.OutcomeUpdates.AsNoTracking().Where(u => u.ShareBackId == id).OrderByDescending(u => u.UpdatedAtUtc).ThenByDescending(u => u.Id).ToListAsync();
        Questions = await states.QuestionsForAsync(db, shareBack.TeamId);
        var retestOf = await db.Teams.Where(t => t.Id == shareBack.TeamId).Select(t => t.RetestOfShareBackId).SingleOrDefaultAsync();
        RetestOf = retestOf is { } originalId ? await db.ShareBacks.AsNoTracking().Include(s => s.Team).SingleOrDefaultAsync(s => s.Id == originalId) : null;
        RetestedBy = (await Recap.RetestsOfAsync(db, [id]))[id].ToList();
        if (Request.Method == HttpMethods.Get || FailedForm != "report")
        {
            Report = OutcomeInput.From(shareBack);
        }
        AdopterTeam ??= MyAdoption?.TeamName;

        // One page of history at a time: each revision is compared with the version after it.
        RevisionCount = await db.ShareBackRevisions.CountAsync(r => r.ShareBackId == id);
        RevisionPage = Math.Clamp(RevisionPage, 1, RevisionPages);
        var page = await db.ShareBackRevisions.AsNoTracking().Where(r => r.ShareBackId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
            .Skip((RevisionPage - 1) * RevisionsPerPage).Take(RevisionsPerPage + 1).ToListAsync();
        var newerThanPage = RevisionPage == 1 ? null : await db.ShareBackRevisions.AsNoTracking().Where(r => r.ShareBackId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).Skip((RevisionPage - 1) * RevisionsPerPage - 1).FirstOrDefaultAsync();
        for (var i = 0; i < Math.Min(page.Count, RevisionsPerPage); i++)
        {
            var after = i == 0 ? newerThanPage : page[i - 1];
            Changes.Add((page[i], after?.Title ?? shareBack.Title, after?.Tags ?? shareBack.Tags, after?.Body ?? shareBack.Body));
        }
        return true;
    }
}
