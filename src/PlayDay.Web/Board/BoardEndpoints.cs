using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using QRCoder;

namespace PlayDay.Web.Board;

/// <summary>
/// Every change to a board arrives here as an ordinary form POST (antiforgery-checked, rate-limited)
/// and is written through the board's one write path (<see cref="BoardNotifier.BeginAsync"/>).
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

        /// <summary>For an edit: the version of the share-back the form was opened on.</summary>
        public int? BaseVersion { get; set; }
    }

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A share-back is at most 20,000 characters: 64 KiB holds it in any encoding (Pages/RequestLimits applies it).
        var board = endpoints.MapGroup("/playdays/{id:int}/board").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
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

    private static async Task<IResult> PostAsync(int id, [FromForm] ShareBackForm form, ClaimsPrincipal user, ShareBackChanges changes)
    {
        var outcome = await changes.PostAsync(id, Actor.Of(user), form.IdempotencyKey, form.TeamId, form.Title, form.Tags, form.Body);
        return outcome switch
        {
            { Refused: true } => Refuse(outcome.Status, outcome.Refusal!),
            { Repeated: true } => Results.Ok(new { shareBackId = outcome.ShareBack!.Id, repeated = true }),
            _ => Results.Created($"/playdays/{id}/board#shareback-{outcome.ShareBack!.Id}", new { shareBackId = outcome.ShareBack.Id, sequence = outcome.Sequence }),
        };
    }

    private static async Task<IResult> EditAsync(int id, int shareBackId, [FromForm] ShareBackForm form, ClaimsPrincipal user, ShareBackChanges changes)
    {
        var outcome = await changes.EditAsync(shareBackId, id, Actor.Of(user), form.BaseVersion, form.Title, form.Tags, form.Body);
        if (outcome is { Stale: true, ShareBack: { } current })
        {
            // The newer version travels with the refusal, so the editor can compare and nothing is lost.
            return Results.Json(new
            {
                title = "Conflict",
                status = 409,
                detail = outcome.Refusal,
                current = new { version = current.Version, title = current.Title, tags = string.Join(", ", current.TagList), body = current.Body, deleted = current.IsDeleted },
            }, statusCode: 409, contentType: "application/problem+json");
        }
        return outcome.Refused
            ? Refuse(outcome.Status, outcome.Refusal!)
            : Results.Ok(new { shareBackId = outcome.ShareBack!.Id, sequence = outcome.Sequence, version = outcome.ShareBack.Version });
    }

    private static async Task<IResult> ReactAsync(int id, int shareBackId, [FromForm] string? kind, [FromForm] bool? on,
        ClaimsPrincipal user, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!Enum.TryParse<ReactionKind>(kind, ignoreCase: false, out var reaction) || !Enum.IsDefined(reaction) || kind!.Any(char.IsDigit))
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
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == id);
        if (playDay.Refusal(PlayDayAction.React, clock.GetUtcNow().UtcDateTime) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
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
        await db.SaveChangesAsync();
        var reacted = await db.ShareBacks.AsNoTracking().Include(s => s.Reactions).SingleAsync(s => s.Id == shareBackId);
        var counts = reacted.ReactionCounts().ToDictionary(c => c.Key.ToString(), c => c.Value);
        var changed = await write.CommitAsync(sequence => new ReactionsChanged(sequence, id, shareBackId, counts));
        return Results.Ok(new { counts, mine = reacted.Reactions.Where(r => r.UserId == userId).Select(r => r.Kind.ToString()), sequence = changed.Sequence });
    }

    /// <summary>The organizer's session controls: start, next, pause, resume, extend, end.</summary>
    private static async Task<IResult> ControlAsync(int id, [FromForm] string? action, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (playDay.Refusal(PlayDayAction.RunSession, now, isOrganizer: true) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
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
        var changed = await write.CommitAsync(sequence => notifier.SessionEvent(sequence, id, session, current?.Name));
        return Results.Ok(new { sequence = changed.Sequence, currentTeamId = session.CurrentTeamId, endsAtUtc = session.EndsAtUtc });
    }

    /// <summary>The organizer's queue controls: move a team up or down, skip it, restore it.</summary>
    private static async Task<IResult> QueueAsync(int id, [FromForm] string? action, [FromForm] int? teamId, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        if (playDay.Refusal(PlayDayAction.RunSession, clock.GetUtcNow().UtcDateTime, isOrganizer: true) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
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
        var changed = await write.CommitQueueChangeAsync();
        return Results.Ok(new { sequence = changed.Sequence });
    }
}
