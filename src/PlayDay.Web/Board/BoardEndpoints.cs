using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Health;
using QRCoder;

namespace PlayDay.Web.Board;

/// <summary>The organizer's session controls.</summary>
public enum SessionAction
{
    /// <summary>Starts the share-backs and calls the first team.</summary>
    Start,
    Next,
    Pause,
    Resume,
    Extend,
    End,
}

/// <summary>The organizer's queue controls.</summary>
public enum QueueAction
{
    Up,
    Down,
    Skip,
    Restore,
}

/// <summary>
/// Every change to a board arrives here as an ordinary form POST (antiforgery-checked, rate-limited)
/// and is written through the board's one write path (<see cref="BoardNotifier.BeginAsync"/>).
/// Refusals are 4xx problem details whose "detail" says why. Endpoints are named; pages hand their
/// URLs to the script through data- attributes.
/// </summary>
public static class BoardEndpoints
{
    public const string PostsPolicy = "board-posts";
    public const string ReactionsPolicy = "board-reactions";
    public const int MaxRequestBytes = 64 * 1024;

    public const string State = "board-state";
    public const string Qr = "board-qr";
    public const string Post = "board-post";
    public const string Edit = "board-edit";
    public const string React = "board-react";
    public const string Control = "board-control";
    public const string Queue = "board-queue";
    public const string Ask = "board-ask";
    public const string Vote = "board-vote";
    public const string Answer = "board-answer";
    public const string RemoveQuestion = "board-remove-question";
    public const string ShowQuestion = "board-show-question";

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

    public sealed record Posted(int ShareBackId, long Sequence, int Version, bool Repeated);

    public sealed record Edited(int ShareBackId, long Sequence, int Version);

    public sealed record Reacted(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Mine);

    public sealed record Done(long Sequence);

    /// <summary>The board for one person: what everyone sees (<c>sequence</c> numbers it) and what is theirs (<c>me</c>).</summary>
    public sealed record BoardJson(long Sequence, int PlayDayId, string State, bool Cancelled, SessionInfo Session, IReadOnlyList<QueueEntry> Queue,
        IReadOnlyList<ShareBackCard> ShareBacks, IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Reactions,
        IReadOnlyDictionary<int, IReadOnlyList<QuestionCard>> Questions, int? MyTeamId, Viewer Me);

    public sealed record Viewer(bool IsOrganizer, int? TeamId, IReadOnlyDictionary<int, IReadOnlyList<string>> Reactions, IReadOnlyList<int> Votes);

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A share-back is at most 20,000 characters: 64 KiB holds it in any encoding (Pages/RequestLimits applies it).
        var board = endpoints.MapGroup("/playdays/{id:int}/board").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        board.MapGet("/state", StateAsync).WithName(State);
        board.MapGet("/qr.png", QrCode).WithName(Qr);
        board.MapPost("/sharebacks", PostAsync).RequireRateLimiting(PostsPolicy).WithName(Post);
        board.MapPost("/sharebacks/{shareBackId:int}", EditAsync).RequireRateLimiting(PostsPolicy).WithName(Edit);
        board.MapPost("/teams/{teamId:int}/reactions", ReactAsync).RequireRateLimiting(ReactionsPolicy).WithName(React);
        board.MapPost("/teams/{teamId:int}/questions", AskAsync).RequireRateLimiting(PostsPolicy).WithName(Ask);
        board.MapPost("/questions/{questionId:int}/votes", VoteAsync).RequireRateLimiting(ReactionsPolicy).WithName(Vote);
        board.MapPost("/questions/{questionId:int}/answer", AnswerAsync).RequireRateLimiting(PostsPolicy).WithName(Answer);
        board.MapPost("/questions/{questionId:int}/remove", RemoveQuestionAsync).WithName(RemoveQuestion);
        board.MapPost("/questions/{questionId:int}/show", ShowQuestionAsync).RequireAuthorization(Roles.Organizer).WithName(ShowQuestion);
        board.MapPost("/control", ControlAsync).RequireAuthorization(Roles.Organizer).WithName(Control);
        board.MapPost("/queue", QueueAsync).RequireAuthorization(Roles.Organizer).WithName(Queue);
        return endpoints;
    }

    private static ProblemHttpResult Refuse(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>A form's action name as the enum (any letter case; numbers are not names), or null.</summary>
    private static T? Named<T>(string? value) where T : struct, Enum =>
        value is not null && !value.Any(char.IsDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    /// <summary>The whole board as JSON: what a screen needs after a gap or a reconnect, and a read API.</summary>
    private static async Task<Results<Ok<BoardJson>, ProblemHttpResult>> StateAsync(int id, ClaimsPrincipal user, PlayDayDbContext db, BoardStates states, TimeProvider clock)
    {
        if (await states.GetAsync(db, id) is not { } state)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        var viewer = await BoardViewer.LoadAsync(db, state, user);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new BoardJson(state.Sequence, id, state.PlayDay.StateAt(now).ToString(), state.PlayDay.IsCancelled, state.SessionAt(now), state.QueueAt(now),
            state.ShareBacks, state.Counts, state.Questions, viewer.MyTeamId, new Viewer(viewer.IsOrganizer, viewer.MyTeamId, viewer.MyReactions, viewer.MyVotes)));
    }

    private static IResult QrCode(int id, PlayDayCalendar calendar)
    {
        var url = calendar.BoardUrl(id).AbsoluteUri;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return Results.File(new PngByteQRCode(data).GetGraphic(12), "image/png");
    }

    private static async Task<Results<Created<Posted>, Ok<Posted>, ProblemHttpResult>> PostAsync(int id, [FromForm] ShareBackForm form, ClaimsPrincipal user, ShareBackChanges changes)
    {
        var outcome = await changes.PostAsync(id, Actor.Of(user), form.IdempotencyKey, form.TeamId, form.Title, form.Tags, form.Body);
        if (outcome.Refused)
        {
            return Refuse(outcome.Status, outcome.Refusal!);
        }
        var shareBack = outcome.ShareBack!;
        var posted = new Posted(shareBack.Id, outcome.Sequence, shareBack.Version, outcome.Repeated);
        return outcome.Repeated ? TypedResults.Ok(posted) : TypedResults.Created($"/playdays/{id}/board#shareback-{shareBack.Id}", posted);
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
            : TypedResults.Ok(new Edited(outcome.ShareBack!.Id, outcome.Sequence, outcome.ShareBack.Version));
    }

    /// <summary>
    /// Sets (not toggles, so a retry cannot undo itself) one reaction to a team: to its share-back,
    /// or to its presentation before the write-up is posted. Saved at once, announced in batches.
    /// </summary>
    private static async Task<Results<Ok<Reacted>, ProblemHttpResult>> ReactAsync(int id, int teamId, [FromForm] string? kind, [FromForm] bool? on,
        ClaimsPrincipal user, PlayDayDbContext db, BoardStates states, BoardBroadcasts broadcasts, BoardNotifier notifier, TimeProvider clock)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (Named<ReactionKind>(kind) is not { } reaction)
        {
            return Refuse(400, $"Unknown reaction. Use one of: {string.Join(", ", ReactionLabels.All)}.");
        }
        if (on is not { } wanted)
        {
            return Refuse(400, "Say whether the reaction is on or off (on=true or on=false).");
        }
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay || !await db.Teams.AnyAsync(t => t.Id == teamId && t.PlayDayId == id))
        {
            return Refuse(404, "There is no such team on this board.");
        }
        if (playDay.Refusal(PlayDayAction.React, clock.GetUtcNow().UtcDateTime) is { } closed)
        {
            return Refuse(409, closed);
        }
        var existing = await db.Reactions.SingleOrDefaultAsync(r => r.TeamId == teamId && r.UserId == userId && r.Kind == reaction);
        if (wanted && existing is null)
        {
            db.Reactions.Add(new Reaction { TeamId = teamId, UserId = userId, Kind = reaction });
        }
        else if (!wanted && existing is not null)
        {
            db.Reactions.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (!CannotSave.IsStorageFailure(e))
        {
            // The same reaction from two screens at once: the database kept one, which is what was asked.
            // (Storage that fails is not a race: it goes on to the 503 "cannot save", never a silent success.)
            db.ChangeTracker.Clear();
        }
        broadcasts.ReactionsChanged(id, teamId);
        var mine = await BoardViewer.ReactionsTo(db, teamId, userId).ToListAsync();
        await notifier.YourReactionsAsync(userId, new YourReactionsChanged(id, teamId, mine));
        return TypedResults.Ok(new Reacted(await states.CountsForAsync(db, id, teamId), mine));
    }

    /// <summary>Anyone asks the team a question; the board hears of it with the next batch.</summary>
    private static async Task<Results<Created<Done>, ProblemHttpResult>> AskAsync(int id, int teamId, [FromForm] string? text, ClaimsPrincipal user, QuestionChanges questions)
    {
        var result = await questions.AskAsync(id, teamId, Actor.Of(user), text);
        return result.Refused ? Refuse(result.Status, result.Refusal!) : TypedResults.Created($"/playdays/{id}/board", new Done(0));
    }

    /// <summary>One vote per person per question, set on or off.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> VoteAsync(int id, int questionId, [FromForm] bool? on, ClaimsPrincipal user, QuestionChanges questions) =>
        Answered(await questions.VoteAsync(id, questionId, Actor.Of(user), on));

    /// <summary>The team (or an organizer) answers a question.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> AnswerAsync(int id, int questionId, [FromForm] string? text, ClaimsPrincipal user, QuestionChanges questions) =>
        Answered(await questions.AnswerAsync(id, questionId, Actor.Of(user), text));

    /// <summary>The person who asked, or an organizer, takes a question down.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> RemoveQuestionAsync(int id, int questionId, ClaimsPrincipal user, QuestionChanges questions) =>
        Answered(await questions.RemoveAsync(id, questionId, Actor.Of(user)));

    private static Results<Ok<Done>, ProblemHttpResult> Answered(QuestionChanges.Result result) =>
        result.Refused ? Refuse(result.Status, result.Refusal!) : TypedResults.Ok(new Done(0));

    /// <summary>An organizer puts a question on the projector (on=true) or takes it off.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> ShowQuestionAsync(int id, int questionId, [FromForm] bool? on,
        PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        if (!await db.Questions.AnyAsync(q => q.Id == questionId && q.PlayDayId == id))
        {
            return Refuse(404, "There is no such question on this board.");
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == id);
        if (playDay.Refusal(PlayDayAction.RunSession, clock.GetUtcNow().UtcDateTime, isOrganizer: true) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
        var session = await db.BoardSessions.SingleAsync(b => b.PlayDayId == id);
        session.ShownQuestionId = on == false ? null : questionId;
        var changed = await write.CommitSessionChangeAsync();
        return TypedResults.Ok(new Done(changed.Sequence));
    }

    /// <summary>The organizer's session controls; starting also calls the first team.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> ControlAsync(int id, [FromForm(Name = "action")] string? actionName, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        var action = Named<SessionAction>(actionName);
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        if (action is null)
        {
            return Refuse(400, $"Unknown action. Use one of: {string.Join(", ", Enum.GetNames<SessionAction>())}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (playDay.Refusal(PlayDayAction.RunSession, now, isOrganizer: true) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
        var session = await db.BoardSessions.SingleAsync(b => b.PlayDayId == id);
        var queue = await Team.Queue(db.Teams, id).ToListAsync();
        var current = queue.FirstOrDefault(t => t.Id == session.CurrentTeamId);
        switch (action)
        {
            case SessionAction.Start when session.IsStarted:
                break;
            case SessionAction.Start or SessionAction.Next:
                session.Start(now);
                if (Team.NextIn(queue, session.CurrentTeamId) is { } next)
                {
                    current?.PresentedAtUtc ??= now;
                    session.StartSlot(next.Id, playDay.ShareBackMinutes * 60, now);
                }
                else if (action == SessionAction.Next)
                {
                    return Refuse(409, "No team is waiting to present.");
                }
                break;
            case SessionAction.Pause or SessionAction.Resume or SessionAction.Extend or SessionAction.End when current is null:
                return Refuse(409, "Nobody is presenting right now.");
            case SessionAction.Pause:
                session.Pause(now);
                break;
            case SessionAction.Resume:
                session.Resume(now);
                break;
            case SessionAction.Extend:
                session.Extend(60);
                break;
            case SessionAction.End:
                current!.PresentedAtUtc ??= now;
                session.EndSlot();
                break;
        }
        var changed = await write.CommitSessionChangeAsync();
        return TypedResults.Ok(new Done(changed.Sequence));
    }

    /// <summary>The organizer's queue controls: move a waiting team up or down, skip it, restore it.</summary>
    private static async Task<Results<Ok<Done>, ProblemHttpResult>> QueueAsync(int id, [FromForm(Name = "action")] string? actionName, [FromForm] int? teamId, PlayDayDbContext db, BoardNotifier notifier, TimeProvider clock)
    {
        var action = Named<QueueAction>(actionName);
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } playDay)
        {
            return Refuse(404, $"There is no play day {id}.");
        }
        if (action is null)
        {
            return Refuse(400, $"Unknown action. Use one of: {string.Join(", ", Enum.GetNames<QueueAction>())}.");
        }
        if (playDay.Refusal(PlayDayAction.RunSession, clock.GetUtcNow().UtcDateTime, isOrganizer: true) is { } closed)
        {
            return Refuse(409, closed);
        }
        await using var write = await notifier.BeginAsync(db, id);
        var queue = await Team.Queue(db.Teams, id).ToListAsync();
        var index = queue.FindIndex(t => t.Id == teamId);
        if (index < 0)
        {
            return Refuse(404, "There is no such team at this play day.");
        }
        var team = queue[index];
        var session = await db.BoardSessions.AsNoTracking().SingleOrDefaultAsync(b => b.PlayDayId == id);
        if (action is QueueAction.Up or QueueAction.Down && (team.PresentedAtUtc is not null || team.Id == session?.CurrentTeamId))
        {
            return Refuse(409, $"{team.Name} has presented (or is presenting), so its place no longer moves.");
        }
        // Moves step over the teams that have presented: only the waiting order matters.
        var waiting = queue.Where(t => t.PresentedAtUtc is null && t.Id != session?.CurrentTeamId).ToList();
        var place = waiting.IndexOf(team);
        switch (action)
        {
            case QueueAction.Up when place > 0:
                team.SwapPlaceWith(waiting[place - 1]);
                break;
            case QueueAction.Down when place >= 0 && place < waiting.Count - 1:
                team.SwapPlaceWith(waiting[place + 1]);
                break;
            case QueueAction.Up or QueueAction.Down:
                return Refuse(409, $"{team.Name} is already {(action == QueueAction.Up ? "first" : "last")} of the teams waiting.");
            case QueueAction.Skip:
                team.Skipped = true;
                break;
            case QueueAction.Restore:
                team.Skipped = false;
                break;
        }
        var changed = await write.CommitQueueChangeAsync();
        return TypedResults.Ok(new Done(changed.Sequence));
    }
}
