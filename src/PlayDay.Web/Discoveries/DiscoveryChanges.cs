using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Discoveries;

/// <summary>
/// The one write path for what happens to a discovery after its five minutes: its team (or an
/// organizer, or the follow-up email's link) reports the outcome and figures; anyone says "I want
/// to try this" or "We use this now". Each change is checked (who, the play day's state, the
/// input), written through the board's numbered write so screens showing the card see it, and the
/// discoverers hear of adopters by email.
/// </summary>
public sealed class DiscoveryChanges(PlayDayDbContext db, BoardNotifier notifier, BoardStates states, DiscoveryMail mail, OutboxSignal outbox, TimeProvider clock)
{
    /// <summary>What became of a change: done, or the status and reason it was refused with.</summary>
    public sealed record Result(int Status = 200, string? Refusal = null)
    {
        public bool Refused => Refusal is not null;

        public static readonly Result Done = new();

        public static Result Refuse(int status, string reason) => new(status, reason);
    }

    /// <summary>The follow-up email's one-use link, already verified by its signature: it stands in for signing in, for this one share-back.</summary>
    public sealed record FollowUpLink(int NudgeId, Guid LinkId);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Records a new outcome (or the same one with new figures or a note). <paramref name="actor"/>
    /// must be in the share-back's team or an organizer; with <paramref name="link"/> instead, the
    /// link is used up in the same transaction, so it works once.
    /// </summary>
    public async Task<Result> ReportAsync(int shareBackId, Actor? actor, Outcome? to, Figures figures, string? note, FollowUpLink? link = null)
    {
        if (await db.ShareBacks.AsNoTracking().Where(s => s.Id == shareBackId).Select(s => new { s.PlayDayId }).SingleOrDefaultAsync() is not { } found)
        {
            return Result.Refuse(404, "There is no such share-back.");
        }
        if (to is not { } outcome || !Enum.IsDefined(outcome))
        {
            return Result.Refuse(400, "Choose what became of the discovery.");
        }
        await using var write = await notifier.BeginAsync(db, found.PlayDayId);
        var shareBack = await db.ShareBacks.Include(s => s.Team).SingleAsync(s => s.Id == shareBackId);
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        string by;
        if (link is not null)
        {
            var used = await db.FollowUpNudges
                .Where(n => n.Id == link.NudgeId && n.LinkId == link.LinkId && n.ShareBackId == shareBackId && n.AnsweredAtUtc == null)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.AnsweredAtUtc, Now));
            if (used == 0)
            {
                return Result.Refuse(410, "This follow-up link has been used already. Sign in to change the outcome again.");
            }
            by = shareBack.Team?.Name ?? "The team";
        }
        else if (actor is null || !await MayReportAsync(shareBack.TeamId, actor))
        {
            return Result.Refuse(403, "Only the team (or an organizer) reports what became of its discovery.");
        }
        else
        {
            by = actor.Name;
        }
        if (playDay.Refusal(PlayDayAction.ReportOutcome, Now) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        if (outcome != shareBack.Outcome && !Outcomes.Next(shareBack.Outcome).Contains(outcome))
        {
            return Result.Refuse(409, $"From “{Outcomes.Label(shareBack.Outcome)}” a discovery goes to "
                + string.Join(", ", Outcomes.Next(shareBack.Outcome).Select(o => $"“{Outcomes.Label(o)}”")) + ".");
        }
        if (shareBack.Report(outcome, figures, note, by, Now, viaFollowUp: link is not null) is { } problem)
        {
            return Result.Refuse(400, problem);
        }
        await write.CommitAsync(async sequence => new ShareBackEdited(sequence, shareBack.PlayDayId, await states.CardAsync(db, shareBack)));
        return Result.Done;
    }

    /// <summary>
    /// Someone says how far their own team has got with a discovery (want to try, use it now), or
    /// takes it back (<paramref name="stage"/> null). The discoverers are told of each step forward.
    /// </summary>
    public async Task<Result> AdoptAsync(int shareBackId, Actor actor, AdoptionStage? stage, string? teamName)
    {
        if (await db.ShareBacks.AsNoTracking().Where(s => s.Id == shareBackId).Select(s => new { s.PlayDayId }).SingleOrDefaultAsync() is not { } found)
        {
            return Result.Refuse(404, "There is no such share-back.");
        }
        if (stage is { } s && !Enum.IsDefined(s))
        {
            return Result.Refuse(400, "Say whether you want to try it or use it now.");
        }
        teamName = UserText.Clean(teamName, multiLine: false);
        if (stage is not null)
        {
            if (string.IsNullOrEmpty(teamName))
            {
                return Result.Refuse(400, "Name your team, so the discoverers know who to help.");
            }
            if (teamName.Length > Adoption.TeamNameMaxLength)
            {
                return Result.Refuse(400, $"The team name can be at most {Adoption.TeamNameMaxLength} characters.");
            }
            if (UserText.Problem(teamName, multiLine: false) is { } problem)
            {
                return Result.Refuse(400, problem);
            }
        }
        await using var write = await notifier.BeginAsync(db, found.PlayDayId);
        var shareBack = await db.ShareBacks.Include(x => x.Team).SingleAsync(x => x.Id == shareBackId);
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        if (playDay.Refusal(PlayDayAction.Adopt, Now) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == actor.UserId))
        {
            return Result.Refuse(409, "This is your own team's discovery: report its outcome instead.");
        }
        var adoption = await db.Adoptions.SingleOrDefaultAsync(a => a.ShareBackId == shareBackId && a.UserId == actor.UserId);
        if (stage is not { } wanted)
        {
            if (adoption is null)
            {
                return Result.Done;
            }
            db.Adoptions.Remove(adoption);
        }
        else if (adoption is null)
        {
            adoption = new Adoption { ShareBackId = shareBackId, UserId = actor.UserId, PersonName = actor.Name, TeamName = teamName!, Stage = wanted, CreatedAtUtc = Now, UpdatedAtUtc = Now };
            db.Adoptions.Add(adoption);
            await mail.TellDiscoverersAsync(shareBack, adoption);
        }
        else if (adoption.Stage != wanted || adoption.TeamName != teamName)
        {
            var forward = wanted > adoption.Stage;
            (adoption.Stage, adoption.TeamName, adoption.PersonName, adoption.UpdatedAtUtc) = (wanted, teamName!, actor.Name, Now);
            if (forward)
            {
                await mail.TellDiscoverersAsync(shareBack, adoption);
            }
        }
        else
        {
            return Result.Done;
        }
        if (stage == AdoptionStage.UsingNow && shareBack.Outcome is not (Outcome.Spreading or Outcome.Dropped))
        {
            // Another team uses it now: that is what "Spreading" means, so nobody has to remember to say so.
            shareBack.Report(Outcome.Spreading, shareBack.Figures, $"{teamName} uses it now.", actor.Name, Now);
        }
        await write.CommitAsync(async sequence => new ShareBackEdited(sequence, shareBack.PlayDayId, await states.CardAsync(db, shareBack)));
        outbox.Wake();
        return Result.Done;
    }

    /// <summary>Open blockers one discovery can hold: a list, not a log.</summary>
    public const int MaxOpenBlockers = 20;

    /// <summary>
    /// The team (or an organizer) records what slows its discovery down, while it is being tried,
    /// adopted or spreading. Blockers are not on the board: nothing is broadcast.
    /// </summary>
    public async Task<Result> RecordBlockerAsync(int shareBackId, Actor actor, BlockerKind? kind, string? note)
    {
        if (await db.ShareBacks.AsNoTracking().Where(s => s.Id == shareBackId).Select(s => new { s.PlayDayId, s.TeamId, s.Outcome }).SingleOrDefaultAsync() is not { } found)
        {
            return Result.Refuse(404, "There is no such share-back.");
        }
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            return Result.Refuse(400, "Choose what slows it down.");
        }
        note = UserText.Clean(note, multiLine: true);
        if (note?.Length > Blocker.NoteMaxLength)
        {
            return Result.Refuse(400, $"The note can be at most {Blocker.NoteMaxLength} characters.");
        }
        if (UserText.Problem(note, multiLine: true) is { } problem)
        {
            return Result.Refuse(400, problem);
        }
        if (k == BlockerKind.Other && string.IsNullOrEmpty(note))
        {
            return Result.Refuse(400, "Say what slows it down: “something else” needs a note.");
        }
        if (!await MayReportAsync(found.TeamId, actor))
        {
            return Result.Refuse(403, "Only the team (or an organizer) says what slows its discovery down.");
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == found.PlayDayId);
        if (playDay.Refusal(PlayDayAction.ReportOutcome, Now) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        if (!BlockerKinds.AppliesTo(found.Outcome))
        {
            return Result.Refuse(409, $"Blockers are for a discovery being tried, adopted or spreading; this one is “{Outcomes.Label(found.Outcome)}”.");
        }
        if (await db.Blockers.CountAsync(b => b.ShareBackId == shareBackId && b.ClearedAtUtc == null) >= MaxOpenBlockers)
        {
            return Result.Refuse(409, $"This discovery has {MaxOpenBlockers} open blockers already: clear one first.");
        }
        db.Blockers.Add(new Blocker { ShareBackId = shareBackId, Kind = k, Note = string.IsNullOrEmpty(note) ? null : note, RecordedBy = actor.Name, RecordedAtUtc = Now });
        await db.SaveChangesAsync();
        return Result.Done;
    }

    /// <summary>A blocker is out of the way; it stays on the record as cleared, with who and when.</summary>
    public async Task<Result> ClearBlockerAsync(int shareBackId, int blockerId, Actor actor)
    {
        if (await db.ShareBacks.AsNoTracking().Where(s => s.Id == shareBackId).Select(s => new { s.TeamId }).SingleOrDefaultAsync() is not { } found
            || !await db.Blockers.AnyAsync(b => b.Id == blockerId && b.ShareBackId == shareBackId))
        {
            return Result.Refuse(404, "There is no such blocker.");
        }
        if (!await MayReportAsync(found.TeamId, actor))
        {
            return Result.Refuse(403, "Only the team (or an organizer) clears what slows its discovery down.");
        }
        // Cleared once: a second click (another tab) changes nothing.
        await db.Blockers.Where(b => b.Id == blockerId && b.ClearedAtUtc == null)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.ClearedAtUtc, Now).SetProperty(x => x.ClearedBy, actor.Name));
        return Result.Done;
    }

    private Task<bool> MayReportAsync(int teamId, Actor actor) =>
        actor.IsOrganizer ? Task.FromResult(true) : db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == actor.UserId);
}
