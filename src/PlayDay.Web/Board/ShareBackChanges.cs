using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Board;

/// <summary>Who is making a change, as the rules need them.</summary>
public sealed record Actor(string UserId, string Name, bool IsOrganizer)
{
    public static Actor Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.DisplayName(), user.IsOrganizer());
}

/// <summary>
/// The one write path for share-backs, used by the board's endpoints and the archive's pages alike:
/// post, edit, delete, restore. Each checks who may (team member or organizer), when (the play
/// day's state), validates, and writes through <see cref="BoardNotifier.BeginAsync"/>, so every
/// change is numbered and broadcast and every replaced version is kept as a revision.
/// </summary>
public sealed class ShareBackChanges(PlayDayDbContext db, BoardNotifier notifier, BoardStates states, TimeProvider clock)
{
    /// <summary>What became of a change: the share-back, or the status and reason it was refused with.</summary>
    public sealed record Outcome(ShareBack? ShareBack, long Sequence = 0, bool Repeated = false, int Status = 200, string? Refusal = null)
    {
        public bool Refused => Refusal is not null;

        /// <summary>An edit refused because someone saved a newer version; <see cref="ShareBack"/> is that version.</summary>
        public bool Stale { get; init; }

        public static Outcome Refuse(int status, string reason, ShareBack? current = null) => new(current, Status: status, Refusal: reason);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A team's first post; a retry with the same idempotency key answers as the first time.</summary>
    public async Task<Outcome> PostAsync(int playDayId, Actor actor, Guid? idempotencyKey, int? teamId, string? title, string? tags, string? body)
    {
        if (idempotencyKey is not { } key || key == Guid.Empty)
        {
            return Outcome.Refuse(400, "The post carries no idempotency key; reload the board and post again.");
        }
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playDayId) is not { } playDay)
        {
            return Outcome.Refuse(404, $"There is no play day {playDayId}.");
        }
        try
        {
            await using var write = await notifier.BeginAsync(db, playDayId);
            if (await db.ShareBacks.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.IdempotencyKey == key) is { } earlier)
            {
                return await RepeatedAsync(earlier, playDayId, actor);
            }
            var team = await TeamOf(db, playDayId, actor.UserId).SingleOrDefaultAsync();
            if (team is null)
            {
                return Outcome.Refuse(403, "You are not in a team at this play day. Join or create a team first.");
            }
            if (teamId is { } id && id != team.Id)
            {
                return Outcome.Refuse(403, "You can only post for your own team.");
            }
            if (playDay.Refusal(PlayDayAction.PostShareBack, Now) is { } closed)
            {
                return Outcome.Refuse(409, closed);
            }
            if (ShareBack.Problem(title, tags, body) is { } problem)
            {
                return Outcome.Refuse(400, problem);
            }
            var (cleanTitle, cleanTags, cleanBody) = ShareBack.Normalize(title!, tags, body!);
            var members = await MemberNamesAsync(team.Id);
            var existing = await WithRevisions(db, team.Id).SingleOrDefaultAsync();
            ShareBack shareBack;
            if (existing is { IsDeleted: false })
            {
                return Outcome.Refuse(409, $"{team.Name} has already posted its share-back; edit it instead.", existing);
            }
            else if (existing is not null)
            {
                // The team deleted its share-back and posts again: it comes back with the new text; the old stays in its history.
                existing.Undelete(actor.Name, Now);
                existing.Revise(cleanTitle, cleanTags, cleanBody, members, actor.Name, Now);
                existing.IdempotencyKey = key;
                shareBack = existing;
            }
            else
            {
                shareBack = new ShareBack
                {
                    PlayDayId = playDayId,
                    TeamId = team.Id,
                    Title = cleanTitle,
                    Tags = cleanTags,
                    Body = cleanBody,
                    PostedAtUtc = Now,
                    PostedBy = actor.Name,
                    IdempotencyKey = key,
                    TeamMembers = members,
                };
                db.ShareBacks.Add(shareBack);
            }
            shareBack.Team = team;
            var posted = await write.CommitAsync(async sequence => new ShareBackPosted(sequence, playDayId, await CardAsync(shareBack)));
            return new Outcome(shareBack, posted.Sequence, Status: 201);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two first posts raced past the checks (another instance, another transaction mode): the database kept one.
            db.ChangeTracker.Clear();
            if (await db.ShareBacks.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.IdempotencyKey == key) is { } earlier)
            {
                return await RepeatedAsync(earlier, playDayId, actor);
            }
            return Outcome.Refuse(409, "Your team has already posted its share-back; edit it instead.");
        }
    }

    private async Task<Outcome> RepeatedAsync(ShareBack earlier, int playDayId, Actor actor) =>
        earlier.PlayDayId == playDayId && await db.TeamMembers.AnyAsync(m => m.TeamId == earlier.TeamId && m.UserId == actor.UserId)
            ? new Outcome(earlier, Repeated: true)
            : Outcome.Refuse(409, "That idempotency key was already used for another post.");

    /// <summary>
    /// An edit based on version <paramref name="baseVersion"/>: refused with the newer share-back
    /// when someone saved since, so no accepted edit is ever overwritten unseen.
    /// </summary>
    public async Task<Outcome> EditAsync(int shareBackId, int? playDayId, Actor actor, int? baseVersion, string? title, string? tags, string? body)
    {
        var found = await FindAsync(shareBackId, playDayId, PlayDayAction.EditShareBack, actor, "edit");
        if (found.Refused)
        {
            return found;
        }
        return await ReviseAsync(found.ShareBack!, actor, baseVersion, title, tags, body);
    }

    private async Task<Outcome> ReviseAsync(ShareBack shareBack, Actor actor, int? baseVersion, string? title, string? tags, string? body)
    {
        if (baseVersion is null)
        {
            return Outcome.Refuse(400, "The edit does not say which version it was based on; reload and edit again.");
        }
        if (ShareBack.Problem(title, tags, body) is { } problem)
        {
            return Outcome.Refuse(400, problem);
        }
        var (cleanTitle, cleanTags, cleanBody) = ShareBack.Normalize(title!, tags, body!);
        try
        {
            await using var write = await notifier.BeginAsync(db, shareBack.PlayDayId);
            await db.Entry(shareBack).ReloadAsync();
            if (shareBack.Version != baseVersion || shareBack.IsDeleted)
            {
                return Stale(shareBack);
            }
            var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
            // While the play day is open the list follows the team; afterwards (and for imported teams) it is history.
            var members = playDay.StateAt(Now) is PlayDayState.Upcoming or PlayDayState.Live && await MemberNamesAsync(shareBack.TeamId) is { Length: > 0 } current
                ? current
                : shareBack.TeamMembers;
            shareBack.Revise(cleanTitle, cleanTags, cleanBody, members, actor.Name, Now);
            var edited = await write.CommitAsync(async sequence => new ShareBackEdited(sequence, shareBack.PlayDayId, await CardAsync(shareBack)));
            return new Outcome(shareBack, edited.Sequence);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(await db.ShareBacks.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == shareBack.Id));
        }
    }

    private static Outcome Stale(ShareBack current) => (current.IsDeleted
        ? Outcome.Refuse(409, "This share-back was deleted while you were editing it. Copy your text; an organizer can restore it.", current)
        : Outcome.Refuse(409, $"Someone saved a newer version (by {current.EditedBy ?? current.PostedBy}) while you were editing. Nothing was lost: your text is still in the form, and theirs is shown beside it.", current))
        with { Stale = true };

    /// <summary>Deletes (hides) a share-back; its text stays in its history for organizers to restore.</summary>
    public async Task<Outcome> DeleteAsync(int shareBackId, Actor actor)
    {
        var found = await FindAsync(shareBackId, null, PlayDayAction.DeleteShareBack, actor, "delete");
        if (found.Refused)
        {
            return found;
        }
        var shareBack = found.ShareBack!;
        await using var write = await notifier.BeginAsync(db, shareBack.PlayDayId);
        await db.Entry(shareBack).ReloadAsync();
        if (shareBack.IsDeleted)
        {
            return new Outcome(shareBack, Repeated: true);
        }
        shareBack.Delete(actor.Name, Now);
        var deleted = await write.CommitAsync(sequence => new ShareBackDeleted(sequence, shareBack.PlayDayId, shareBack.Id));
        return new Outcome(shareBack, deleted.Sequence);
    }

    /// <summary>An organizer brings a deleted share-back back.</summary>
    public async Task<Outcome> UndeleteAsync(int shareBackId, Actor actor)
    {
        var found = await FindAsync(shareBackId, null, PlayDayAction.RestoreShareBack, actor, "restore");
        if (found.Refused)
        {
            return found;
        }
        var shareBack = found.ShareBack!;
        await using var write = await notifier.BeginAsync(db, shareBack.PlayDayId);
        await db.Entry(shareBack).ReloadAsync();
        if (!shareBack.IsDeleted)
        {
            return new Outcome(shareBack, Repeated: true);
        }
        shareBack.Undelete(actor.Name, Now);
        var restored = await write.CommitAsync(async sequence => new ShareBackPosted(sequence, shareBack.PlayDayId, await CardAsync(shareBack)));
        return new Outcome(shareBack, restored.Sequence);
    }

    /// <summary>An organizer makes an earlier revision the current text again (itself a new revision).</summary>
    public async Task<Outcome> RestoreRevisionAsync(int shareBackId, int revisionId, Actor actor)
    {
        var found = await FindAsync(shareBackId, null, PlayDayAction.RestoreShareBack, actor, "restore");
        if (found.Refused)
        {
            return found;
        }
        var shareBack = found.ShareBack!;
        if (await db.ShareBackRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ShareBackId == shareBackId) is not { } revision)
        {
            return Outcome.Refuse(404, "That share-back has no such revision.");
        }
        if (shareBack.IsDeleted)
        {
            return Outcome.Refuse(409, "Restore the share-back itself first; then pick the version to bring back.", shareBack);
        }
        return await ReviseAsync(shareBack, actor, shareBack.Version, revision.Title, revision.Tags, revision.Body);
    }

    /// <summary>Whether <paramref name="actor"/> may edit or delete the share-back now: the share-back, or the refusal (for pages that ask first).</summary>
    public Task<Outcome> CheckAsync(int shareBackId, PlayDayAction action, Actor actor) =>
        FindAsync(shareBackId, null, action, actor, action == PlayDayAction.DeleteShareBack ? "delete" : "edit");

    /// <summary>The share-back, if <paramref name="actor"/> may <paramref name="verb"/> it now; deleted ones are found for organizers.</summary>
    private async Task<Outcome> FindAsync(int shareBackId, int? playDayId, PlayDayAction action, Actor actor, string verb)
    {
        var shareBack = await Find(db, shareBackId, playDayId).SingleOrDefaultAsync();
        if (shareBack is null || shareBack.IsDeleted && !actor.IsOrganizer && action != PlayDayAction.EditShareBack)
        {
            return Outcome.Refuse(404, "There is no such share-back.");
        }
        var organizerOnly = action == PlayDayAction.RestoreShareBack;
        if (!actor.IsOrganizer && (organizerOnly || !await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == actor.UserId)))
        {
            return Outcome.Refuse(403, organizerOnly
                ? $"Only organizers can {verb} share-backs."
                : $"Only members of {shareBack.Team!.Name} (or an organizer) can {verb} its share-back.");
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == shareBack.PlayDayId);
        if (playDay.Refusal(action, Now, actor.IsOrganizer) is { } closed)
        {
            return Outcome.Refuse(409, closed, shareBack);
        }
        return new Outcome(shareBack);
    }

    /// <summary>The card every screen shows, with its rendered Markdown and the team's counts.</summary>
    private Task<ShareBackCard> CardAsync(ShareBack shareBack) => states.CardAsync(db, shareBack);

    private async Task<string> MemberNamesAsync(int teamId) => ShareBack.MemberLines(await MemberNames(db, teamId).ToListAsync());

    // The queries of the write path that do more than find a row by its key (BoardQueryTests compiles each for every database server).

    /// <summary>The team <paramref name="userId"/> is in at a play day (tracked: a post changes it).</summary>
    public static IQueryable<Team> TeamOf(PlayDayDbContext db, int playDayId, string userId) =>
        db.Teams.Where(t => t.PlayDayId == playDayId && t.Members.Any(m => m.UserId == userId));

    /// <summary>A team's share-back, deleted or not, with its revisions (tracked: a post brings it back).</summary>
    public static IQueryable<ShareBack> WithRevisions(PlayDayDbContext db, int teamId) =>
        db.ShareBacks.IgnoreQueryFilters().Include(s => s.Revisions).Where(s => s.TeamId == teamId);

    /// <summary>A share-back, deleted or not, with its team; on one play day's board when <paramref name="playDayId"/> is given.</summary>
    public static IQueryable<ShareBack> Find(PlayDayDbContext db, int shareBackId, int? playDayId) =>
        db.ShareBacks.IgnoreQueryFilters().Include(s => s.Team).Where(s => s.Id == shareBackId && (playDayId == null || s.PlayDayId == playDayId));

    /// <summary>A team's members' names in the order they joined.</summary>
    public static IQueryable<string> MemberNames(PlayDayDbContext db, int teamId) =>
        db.TeamMembers.Where(m => m.TeamId == teamId).OrderBy(m => m.JoinedAtUtc).Select(m => m.User!.DisplayName);
}
