using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace PlayDay.Bench.BareHub;

public static class ReactionKinds
{
    public static readonly string[] All = ["WouldUse", "TryThisWeek", "TriedAlready", "GreatFailure"];
}

/// <summary>A share-back as the board's events carry it (the app's card, field for field).</summary>
public sealed record Card(int Id, int TeamId, string TeamName, string Title, IReadOnlyList<string> Tags, string Html,
    DateTime PostedAtUtc, string PostedBy, DateTime? EditedAtUtc, string? EditedBy, int Version, IReadOnlyDictionary<string, int> Counts,
    Discovery Discovery);

/// <summary>What became of the discovery, as the app's card carries it; the bench's share-backs are all just shared.</summary>
public sealed record Discovery(string Outcome, string OutcomeLabel, Figures? Figures, IReadOnlyList<string> UsedBy, int WantToTry)
{
    public static Discovery JustShared { get; } = new("Shared", "Shared", null, [], 0);
}

/// <summary>Before → after figures (never set on the bench's share-backs).</summary>
public sealed record Figures(int? MinutesPerWeekBefore, int? MinutesPerWeekAfter, int? PeopleDoingTask, int? PeopleUsingNewWay, string? HowMeasured,
    int? MinutesSavedPerWeek, string? Summary);

public sealed record ShareBackPosted(long Sequence, int PlayDayId, Card Card);

public sealed record ShareBackEdited(long Sequence, int PlayDayId, Card Card);

public sealed record ReactionsChanged(long Sequence, int PlayDayId, int TeamId, IReadOnlyDictionary<string, int> Counts);

/// <summary>One board in memory. Writes take the lock, so events leave in sequence order.</summary>
public sealed class Board
{
    public SemaphoreSlim Lock { get; } = new(1, 1);
    public long Sequence { get; set; }
    public Dictionary<int, Card> Cards { get; } = [];

    /// <summary>Who reacted how to each team: (person, kind).</summary>
    public Dictionary<int, HashSet<(string Person, string Kind)>> Reactions { get; } = [];

    public Dictionary<string, int> Counts(int teamId) =>
        ReactionKinds.All.ToDictionary(k => k, k => Reactions.TryGetValue(teamId, out var set) ? set.Count(r => r.Kind == k) : 0);
}

public sealed class Boards
{
    private readonly ConcurrentDictionary<int, Board> _boards = new();

    public Board For(int playDayId) => _boards.GetOrAdd(playDayId, _ => new Board());
}

/// <summary>The board's write endpoints, at the app's paths and with its form fields; no antiforgery, no sign-in.</summary>
public static class BareBoardEndpoints
{
    public sealed class ShareBackForm
    {
        public int? TeamId { get; set; }
        public string? TeamName { get; set; }
        public string? Title { get; set; }
        public string? Tags { get; set; }
        public string? Body { get; set; }
        public int? BaseVersion { get; set; }
    }

    public static IEndpointRouteBuilder MapBareBoard(this IEndpointRouteBuilder endpoints)
    {
        var board = endpoints.MapGroup("/playdays/{id:int}/board").DisableAntiforgery();
        board.MapGet("", Page);
        board.MapGet("/state", State);
        board.MapPost("/sharebacks", PostAsync);
        board.MapPost("/sharebacks/{shareBackId:int}", EditAsync);
        board.MapPost("/teams/{teamId:int}/reactions", ReactAsync);
        return endpoints;
    }

    /// <summary>What a driver scrapes from the app's board page: the hub path and a form token.</summary>
    private static IResult Page(int id) => Results.Content(
        $"""<!doctype html><div data-board data-playday-id="{id}" data-hub-path="{BoardHub.Path}"><input name="__RequestVerificationToken" type="hidden" value="bare" /></div>""",
        "text/html");

    private static IResult State(int id, Boards boards)
    {
        var board = boards.For(id);
        board.Lock.Wait();
        try
        {
            return Results.Ok(new
            {
                sequence = board.Sequence,
                playDayId = id,
                shareBacks = board.Cards.Values.OrderBy(c => c.Id).ToList(),
                reactions = board.Reactions.Keys.ToDictionary(t => t, board.Counts),
            });
        }
        finally
        {
            board.Lock.Release();
        }
    }

    private static string Html(string body) =>
        string.Concat(body.Split("\n\n").Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>\n"));

    private static async Task<IResult> PostAsync(int id, [FromForm] ShareBackForm form, Boards boards, IHubContext<BoardHub> hub)
    {
        var board = boards.For(id);
        await board.Lock.WaitAsync();
        try
        {
            var cardId = board.Cards.Count == 0 ? 1 : board.Cards.Keys.Max() + 1;
            var teamId = form.TeamId ?? cardId;
            var card = new Card(cardId, teamId, form.TeamName ?? $"Team {teamId}", form.Title ?? "", Tags(form.Tags), Html(form.Body ?? ""),
                DateTime.UtcNow, "bench", null, null, 1, board.Counts(teamId), Discovery.JustShared);
            board.Cards[cardId] = card;
            var e = new ShareBackPosted(++board.Sequence, id, card);
            await hub.Clients.Group(BoardHub.Group(id)).SendAsync(nameof(ShareBackPosted), e);
            return Results.Created($"/playdays/{id}/board#shareback-{cardId}", new { shareBackId = cardId, sequence = e.Sequence });
        }
        finally
        {
            board.Lock.Release();
        }
    }

    private static async Task<IResult> EditAsync(int id, int shareBackId, [FromForm] ShareBackForm form, Boards boards, IHubContext<BoardHub> hub)
    {
        var board = boards.For(id);
        await board.Lock.WaitAsync();
        try
        {
            if (!board.Cards.TryGetValue(shareBackId, out var current))
            {
                return Results.Problem(statusCode: 404, detail: "There is no such share-back on this board.");
            }
            if (form.BaseVersion != current.Version)
            {
                return Results.Problem(statusCode: 409, detail: "Someone else changed this share-back.");
            }
            var card = current with
            {
                Title = form.Title ?? "",
                Tags = Tags(form.Tags),
                Html = Html(form.Body ?? ""),
                EditedAtUtc = DateTime.UtcNow,
                EditedBy = "bench",
                Version = current.Version + 1,
                Counts = board.Counts(current.TeamId),
            };
            board.Cards[shareBackId] = card;
            var e = new ShareBackEdited(++board.Sequence, id, card);
            await hub.Clients.Group(BoardHub.Group(id)).SendAsync(nameof(ShareBackEdited), e);
            return Results.Ok(new { shareBackId, sequence = e.Sequence, version = card.Version });
        }
        finally
        {
            board.Lock.Release();
        }
    }

    private static async Task<IResult> ReactAsync(int id, int teamId, [FromForm] string? kind, [FromForm] bool? on, [FromForm] string? person,
        Boards boards, IHubContext<BoardHub> hub)
    {
        if (kind is null || !ReactionKinds.All.Contains(kind) || on is not { } wanted)
        {
            return Results.Problem(statusCode: 400, detail: "Say which reaction (kind) and whether it is on.");
        }
        var board = boards.For(id);
        await board.Lock.WaitAsync();
        try
        {
            if (!board.Reactions.TryGetValue(teamId, out var set))
            {
                board.Reactions[teamId] = set = [];
            }
            var who = (person ?? "someone", kind);
            if (wanted)
            {
                set.Add(who);
            }
            else
            {
                set.Remove(who);
            }
            var counts = board.Counts(teamId);
            // No coalescing: every reaction goes out at once, the cheapest a screen can hear of it.
            await hub.Clients.Group(BoardHub.Group(id)).SendAsync(nameof(ReactionsChanged), new ReactionsChanged(++board.Sequence, id, teamId, counts));
            return Results.Ok(new { counts });
        }
        finally
        {
            board.Lock.Release();
        }
    }

    private static List<string> Tags(string? tags) =>
        (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
}
