using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using QRCoder;

namespace PlayDay.Web.Board;

/// <summary>
/// Every change to a board arrives here as an ordinary form POST (antiforgery-checked, rate-limited),
/// is saved with its sequence number in one transaction, and is then broadcast by the notifier.
/// Refusals are 4xx problem details whose "detail" says why.
/// </summary>
public static class BoardEndpoints
{
    public const string PostsPolicy = "board-posts";
    public const string ReactionsPolicy = "board-reactions";
    public const int MaxRequestBytes = 64 * 1024;

    public sealed class ShareBackForm
    {
        public Guid? IdempotencyKey { get; set; }
        public int? TeamId { get; set; }
        public string? Title { get; set; }
        public string? Tags { get; set; }
        public string? Body { get; set; }
    }

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var board = endpoints.MapGroup("/playdays/{id:int}/board");
        board.MapGet("/state", StateAsync);
        board.MapGet("/qr.png", QrCode);
        board.MapPost("/sharebacks", PostAsync).RequireRateLimiting(PostsPolicy);
        board.MapPost("/sharebacks/{shareBackId:int}", EditAsync).RequireRateLimiting(PostsPolicy);
        board.MapPost("/sharebacks/{shareBackId:int}/reactions", ReactAsync).RequireRateLimiting(ReactionsPolicy);
        board.MapPost("/control", ControlAsync).RequireAuthorization(Roles.Organizer);
        board.MapPost("/queue", QueueAsync).RequireAuthorization(Roles.Organizer);
        return endpoints;
    }

    private static IResult Refuse(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>The whole board as JSON: what a screen needs after a reconnect, and a read API.</summary>
    private static async Task<IResult> StateAsync(int id, ClaimsPrincipal user, PlayDayDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await BoardView.LoadAsync(db, id, user, now) is not { } view)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        var session = view.Session;
        return Results.Ok(new
        {
            sequence = session.Sequence,
            playDayId = id,
            cancelled = view.PlayDay.IsCancelled,
            session = new
            {
                started = session.IsStarted,
                currentTeamId = session.CurrentTeamId,
                currentTeamName = view.Current?.Name,
                endsAtUtc = session.EndsAtUtc,
                paused = session.IsPaused,
                remainingMs = session.Remaining(now) is { } r ? (long?)r.TotalMilliseconds : null,
                serverNowUtc = now,
            },
            queue = view.Queue.Select(t => new { id = t.Id, name = t.Name, ask = t.Ask.ToString(), skipped = t.Skipped, presented = t.PresentedAtUtc is not null }),
            shareBacks = view.ShareBacks.Select(s => new
            {
                id = s.ShareBack.Id,
                teamId = s.ShareBack.TeamId,
                teamName = s.TeamName,
                title = s.ShareBack.Title,
                tags = s.ShareBack.TagList,
                body = s.ShareBack.Body,
                postedAtUtc = s.ShareBack.PostedAtUtc,
                editedAtUtc = s.ShareBack.EditedAtUtc,
                reactions = s.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
                mine = s.Mine.Select(k => k.ToString()),
                canEdit = s.CanEdit,
            }),
            myTeamId = view.MyTeamId,
        });
    }

    private static IResult QrCode(int id, PlayDayCalendar calendar)
    {
        var url = calendar.PageUrl(id).AbsoluteUri + "/board";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return Results.File(new PngByteQRCode(data).GetGraphic(12), "image/png");
    }

    private static async Task<IResult> PostAsync(int id, [FromForm] ShareBackForm form, ClaimsPrincipal user, PlayDayDbContext db,
        BoardNotifier notifier, TimeProvider clock)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (form.IdempotencyKey is not { } key || key == Guid.Empty)
        {
            return Refuse(400, "The post carries no idempotency key; reload the board and post again.");
        }
        if (await db.ShareBacks.AsNoTracking().SingleOrDefaultAsync(s => s.IdempotencyKey == key) is { } earlier)
        {
            // A retry of a post that already arrived: answer as before, post nothing new.
            return earlier.PlayDayId == id && await db.TeamMembers.AnyAsync(m => m.TeamId == earlier.TeamId && m.UserId == userId)
                ? Results.Ok(new { shareBackId = earlier.Id, repeated = true })
                : Refuse(409, "That idempotency key was already used for another post.");
        }
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        if (playDay.IsCancelled)
        {
            return Refuse(409, "This play day is cancelled, so nothing can be posted to it.");
        }
        var team = await db.Teams.SingleOrDefaultAsync(t => t.PlayDayId == id && t.Members.Any(m => m.UserId == userId));
        if (team is null)
        {
            return Refuse(403, "You are not in a team at this play day. Join or create a team first.");
        }
        if (form.TeamId is { } teamId && teamId != team.Id)
        {
            return Refuse(403, "You can only post for your own team.");
        }
        if (Validate(form) is { } problem)
        {
            return Refuse(400, problem);
        }
        if (await db.ShareBacks.AnyAsync(s => s.TeamId == team.Id))
        {
            return Refuse(409, $"{team.Name} has already posted its share-back; edit it instead.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        var shareBack = new ShareBack
        {
            PlayDayId = id,
            TeamId = team.Id,
            Title = form.Title!.Trim(),
            Tags = string.Join(',', ParseTags(form.Tags)),
            Body = form.Body!.Trim().ReplaceLineEndings("\n"),
            PostedAtUtc = now,
            PostedBy = user.DisplayName(),
            IdempotencyKey = key,
            TeamMembers = await MemberNamesAsync(db, team.Id),
        };
        db.ShareBacks.Add(shareBack);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifier.ShareBackPostedAsync(new ShareBackPosted(sequence, id, shareBack.Id, team.Id, team.Name, shareBack.Title));
        return Results.Created($"/playdays/{id}/board#shareback-{shareBack.Id}", new { shareBackId = shareBack.Id, sequence });
    }

    private static async Task<IResult> EditAsync(int id, int shareBackId, [FromForm] ShareBackForm form, ClaimsPrincipal user,
        PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var shareBack = await db.ShareBacks.Include(s => s.Team).SingleOrDefaultAsync(s => s.Id == shareBackId && s.PlayDayId == id);
        if (shareBack is null)
        {
            return Refuse(404, "There is no such share-back on this board.");
        }
        if (await db.PlayDays.AnyAsync(p => p.Id == id && p.CancelledAtUtc != null))
        {
            return Refuse(409, "This play day is cancelled, so nothing can be edited on it.");
        }
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == shareBack.TeamId && m.UserId == userId))
        {
            return Refuse(403, $"Only members of {shareBack.Team!.Name} can edit its share-back.");
        }
        if (Validate(form) is { } problem)
        {
            return Refuse(400, problem);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        shareBack.Revise(form.Title!.Trim(), string.Join(',', ParseTags(form.Tags)), form.Body!.Trim().ReplaceLineEndings("\n"),
            await MemberNamesAsync(db, shareBack.TeamId), user.DisplayName(), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifier.ShareBackEditedAsync(new ShareBackEdited(sequence, id, shareBack.Id, shareBack.Title));
        return Results.Ok(new { shareBackId = shareBack.Id, sequence });
    }

    private static async Task<IResult> ReactAsync(int id, int shareBackId, [FromForm] string? kind, [FromForm] bool? on,
        ClaimsPrincipal user, PlayDayDbContext db, BoardNotifier notifier)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!Enum.TryParse<ReactionKind>(kind, ignoreCase: false, out var reaction) || !Enum.IsDefined(reaction))
        {
            return Refuse(400, $"Unknown reaction. Use one of: {string.Join(", ", ReactionLabels.All)}.");
        }
        if (on is not { } wanted)
        {
            return Refuse(400, "Say whether the reaction is on or off (on=true or on=false).");
        }
        if (!await db.ShareBacks.AnyAsync(s => s.Id == shareBackId && s.PlayDayId == id))
        {
            return Refuse(404, "There is no such share-back on this board.");
        }
        if (await db.PlayDays.AnyAsync(p => p.Id == id && p.CancelledAtUtc != null))
        {
            return Refuse(409, "This play day is cancelled, so reactions are closed.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var existing = await db.Reactions.SingleOrDefaultAsync(r => r.ShareBackId == shareBackId && r.UserId == userId && r.Kind == reaction);
        // Setting, not toggling, so a retried request cannot undo itself.
        if (wanted && existing is null)
        {
            db.Reactions.Add(new Reaction { ShareBackId = shareBackId, UserId = userId, Kind = reaction });
        }
        else if (!wanted && existing is not null)
        {
            db.Reactions.Remove(existing);
        }
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        await db.SaveChangesAsync();
        var reacted = await db.ShareBacks.AsNoTracking().Include(s => s.Reactions).SingleAsync(s => s.Id == shareBackId);
        await transaction.CommitAsync();
        var all = reacted.Reactions;
        var counts = reacted.ReactionCounts().ToDictionary(c => c.Key.ToString(), c => c.Value);
        await notifier.ReactionsChangedAsync(new ReactionsChanged(sequence, id, shareBackId, counts));
        return Results.Ok(new { counts, mine = all.Where(r => r.UserId == userId).Select(r => r.Kind.ToString()), sequence });
    }

    /// <summary>The organizer's session controls: start, next, pause, resume, extend, end.</summary>
    private static async Task<IResult> ControlAsync(int id, [FromForm] string? action, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        if (playDay.IsCancelled)
        {
            return Refuse(409, "This play day is cancelled.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        var session = await db.BoardSessions.SingleAsync(b => b.PlayDayId == id);
        var queue = await BoardView.OrderedQueue(db, id).ToListAsync();
        var current = queue.FirstOrDefault(t => t.Id == session.CurrentTeamId);
        switch (action)
        {
            case "start":
                session.Start(now);
                break;
            case "next":
                if (BoardView.NextIn(queue, session.CurrentTeamId) is not { } next)
                {
                    return Refuse(409, "No team is waiting to present.");
                }
                current?.PresentedAtUtc ??= now;
                session.StartSlot(next.Id, playDay.ShareBackMinutes * 60, now);
                current = next;
                break;
            case "pause" or "resume" or "extend" or "end" when current is null:
                return Refuse(409, "Nobody is presenting right now.");
            case "pause":
                session.Pause(now);
                break;
            case "resume":
                session.Resume(now);
                break;
            case "extend":
                session.Extend(60);
                break;
            case "end":
                current!.PresentedAtUtc ??= now;
                session.EndSlot();
                current = null;
                break;
            default:
                return Refuse(400, "Unknown action. Use start, next, pause, resume, extend or end.");
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifier.SessionChangedAsync(sequence, id, session, current?.Name);
        return Results.Ok(new { sequence, currentTeamId = session.CurrentTeamId, endsAtUtc = session.EndsAtUtc });
    }

    /// <summary>The organizer's queue controls: move a team up or down, skip it, restore it.</summary>
    private static async Task<IResult> QueueAsync(int id, [FromForm] string? action, [FromForm] int? teamId, PlayDayDbContext db, BoardNotifier notifier)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var queue = await BoardView.OrderedQueue(db, id).ToListAsync();
        var index = queue.FindIndex(t => t.Id == teamId);
        if (index < 0)
        {
            return Refuse(404, "There is no such team at this play day.");
        }
        var team = queue[index];
        switch (action)
        {
            case "up" when index > 0:
                team.SwapPlaceWith(queue[index - 1]);
                break;
            case "down" when index < queue.Count - 1:
                team.SwapPlaceWith(queue[index + 1]);
                break;
            case "up" or "down":
                return Refuse(409, $"{team.Name} is already at the {(action == "up" ? "top" : "bottom")} of the queue.");
            case "skip":
                team.Skipped = true;
                break;
            case "restore":
                team.Skipped = false;
                break;
            default:
                return Refuse(400, "Unknown action. Use up, down, skip or restore.");
        }
        var sequence = await BoardNotifier.NextSequenceAsync(db, id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifier.QueueChangedAsync(sequence, id);
        return Results.Ok(new { sequence });
    }

    private static async Task<string> MemberNamesAsync(PlayDayDbContext db, int teamId) =>
        string.Join('\n', await db.TeamMembers.Where(m => m.TeamId == teamId).OrderBy(m => m.JoinedAtUtc).Select(m => m.User!.DisplayName).ToListAsync());

    private static string? Validate(ShareBackForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Title))
        {
            return "Give the share-back a title.";
        }
        if (form.Title.Trim().Length > ShareBack.TitleMaxLength)
        {
            return $"The title can be at most {ShareBack.TitleMaxLength} characters; it has {form.Title.Trim().Length}.";
        }
        if (string.IsNullOrWhiteSpace(form.Body))
        {
            return "Write the share-back itself: what you tried, what worked and what broke.";
        }
        if (form.Body.Trim().Length > ShareBack.BodyMaxLength)
        {
            return $"The share-back can be at most {ShareBack.BodyMaxLength} characters; it has {form.Body.Trim().Length}.";
        }
        return ShareBack.TagProblem(ParseTags(form.Tags));
    }

    private static List<string> ParseTags(string? tags) => ShareBack.ParseTags(tags);
}
