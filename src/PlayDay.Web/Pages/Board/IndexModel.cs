using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Markdown;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Templates;

namespace PlayDay.Web.Pages.Board;

/// <summary>
/// The live board and its projector view, first painted on the server from the shared
/// <see cref="BoardState"/> (the same for everyone at one sequence number) plus what is this
/// person's own; board.js then applies the hub's events to the page as they come.
/// </summary>
[OutputCache(PolicyName = SharedPages.Board)]
public sealed class IndexModel(PlayDayDbContext db, BoardStates states, TimeProvider clock, TemplateFiles templates, LinkGenerator links, MarkdownRenderer markdown,
    IMemoryCache cache, IAntiforgery antiforgery) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public BoardState Board { get; private set; } = null!;
    public BoardViewer Viewer { get; private set; } = null!;
    public DateTime NowUtc { get; private set; }

    /// <summary>Sent with the first post, so a retry after a dropped connection cannot post twice (on a shared page the script makes one).</summary>
    public Guid? IdempotencyKey => Shared ? null : _idempotencyKey;
    private readonly Guid _idempotencyKey = Guid.NewGuid();

    /// <summary>
    /// This rendering is stored for everyone with this person's role and team (<see cref="SharedPages"/>):
    /// it shows no reactions or votes as theirs and no token; the script asks for those (<see cref="OnGetPersonAsync"/>).
    /// </summary>
    public bool Shared { get; private set; }

    public string ShareBackTemplate => templates.Read(TemplateFiles.ShareBack);

    public PlayDayEvent PlayDay => Board.PlayDay;
    public PlayDayState State => PlayDay.StateAt(NowUtc);
    public SessionInfo Session => _session ??= Board.SessionAt(NowUtc);
    public IReadOnlyList<QueueEntry> Queue => _queue ??= Board.QueueAt(NowUtc);
    private SessionInfo? _session;
    private IReadOnlyList<QueueEntry>? _queue;
    public Team? MyTeam => Board.Teams.FirstOrDefault(t => t.Id == Viewer.MyTeamId);
    /// <summary>This person's team's share-back as they edit it (Markdown, not HTML), or null.</summary>
    public ShareBack? MyShareBack { get; private set; }

    /// <summary>Before and during the play day: what became of the previous quarter's discoveries.</summary>
    public (Quarter Quarter, Recap Recap)? LastQuarter { get; private set; }

    /// <summary>Waiting teams in order: the first cannot move up, the last not down.</summary>
    public IReadOnlyList<int> Waiting => _waiting ??= Queue.Where(q => !q.Presented && !q.Presenting).Select(q => q.Id).ToList();
    private IReadOnlyList<int>? _waiting;

    /// <summary>
    /// What a share-back card's markup depends on besides the card, for everyone who has not reacted
    /// to it: the board at this sequence number, the play day's version and whether people may react
    /// now. The cards are rendered once per key and reused by every page view (a card this person
    /// reacted to is rendered for them, with their reactions pressed).
    /// </summary>
    public string CardsKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{PlayDay.Id}:{Board.Sequence}:{PlayDay.Version}:{PlayDay.Sequence}:{PlayDay.CancelledAtUtc?.Ticks}:{May(PlayDayAction.React)}");


    /// <summary>
    /// What the queue's markup depends on: the board, whether this person runs the session, and the
    /// clock while the session runs (slot estimates follow it; to the second, and the script redraws
    /// the queue from <see cref="MeJson"/> as soon as the page loads).
    /// </summary>
    public string QueueKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{CardsKey}:{Viewer.IsOrganizer}:{May(PlayDayAction.RunSession)}:{(Session.Started ? NowUtc.Ticks / TimeSpan.TicksPerSecond : 0)}");

    /// <summary>What the blank templates' markup depends on: only what this person may do now.</summary>
    public string TemplatesKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{May(PlayDayAction.React)}:{Viewer.IsOrganizer && May(PlayDayAction.RunSession)}:{May(PlayDayAction.AskQuestion)}:{Waiting.Count == 0}");

    /// <summary>The last quarter's recap as this person sees it: one rendering per cached recap (it is reloaded every minute).</summary>
    public string RecapKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{PlayDay.Id}:{May(PlayDayAction.ChangeTeams)}:{(LastQuarter is { } last ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(last.Recap) : 0)}");

    /// <summary>Blank models for the templates the script fills.</summary>
    public ShareBackCard BlankCard => new(0, 0, "", "", [], markdown.Render(""), DateTime.UnixEpoch, "", null, null, 0, BoardState.NoReactions,
        new DiscoveryCard(nameof(Outcome.Shared), Outcomes.Label(Outcome.Shared), null, [], 0));
    public QueueEntry BlankQueueEntry => new(0, "", "", "Normal", false, false, false, null, []);
    public QuestionCard BlankQuestion => new(0, 0, markdown.Render(""), "", DateTime.UnixEpoch, 0, null, null, null);

    /// <summary>Why the play day's state forbids <paramref name="action"/> for this person now, or null.</summary>
    public string? Refusal(PlayDayAction action) => PlayDay.Refusal(action, NowUtc, Viewer.IsOrganizer);

    public bool May(PlayDayAction action) => Refusal(action) is null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await states.GetAsync(db, id) is not { } board)
        {
            return NotFound();
        }
        Board = board;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Shared = HttpContext.IsSharedRendering();
        if (Shared)
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            Viewer = new BoardViewer("", User.IsOrganizer(), board.TeamOf(userId), new Dictionary<int, IReadOnlyList<string>>(), []);
            // The key this page is stored under was made from the board as last loaded; a page for another
            // team or phase is shown to this person but stored for nobody.
            if (HttpContext.ExpectedViewerClass() != SharedPages.BoardViewerClass(Viewer.MyTeamId, State))
            {
                HttpContext.RefuseSharedStorage();
            }
            ViewData["PersonUrl"] = Url.Page(null, "Person", new { id });
        }
        else
        {
            Viewer = await BoardViewer.LoadAsync(db, board, User);
        }
        if (State is PlayDayState.Upcoming or PlayDayState.Live)
        {
            LastQuarter = await Recap.LastQuarterCachedAsync(cache, db, board.PlayDay);
        }
        if (Viewer.MyTeamId is { } team)
        {
            MyShareBack = board.Texts.FirstOrDefault(s => s.TeamId == team);
        }
        return Page();
    }

    /// <summary>
    /// The personal part of a shared board page: who is signed in and their token (as <see cref="SharedPages.PersonPath"/>),
    /// their team, what they reacted to and voted for, and the server's clock now.
    /// </summary>
    public async Task<IActionResult> OnGetPersonAsync(int id)
    {
        if (await states.GetAsync(db, id) is not { } board)
        {
            return NotFound();
        }
        var viewer = await BoardViewer.LoadAsync(db, board, User);
        var person = SharedPages.Person(HttpContext, antiforgery);
        return new JsonResult(new
        {
            person.Name,
            person.IsOrganizer,
            person.Token,
            teamId = viewer.MyTeamId,
            reactions = viewer.MyReactions,
            votes = viewer.MyVotes,
            serverNowUtc = clock.GetUtcNow().UtcDateTime,
        }, Json);
    }

    /// <summary>Stands for an id in URL templates handed to the script, which puts the real id in its place.</summary>
    public const int Placeholder = 987654321;

    /// <summary>An endpoint's URL from its route name (ids the script fills in are <see cref="Placeholder"/>).</summary>
    public string EndpointUrl(string endpoint, object? values = null)
    {
        var route = new RouteValueDictionary(values) { ["id"] = PlayDay.Id };
        return links.GetPathByName(HttpContext, endpoint, route) ?? throw new InvalidOperationException($"No endpoint named {endpoint}.");
    }

    /// <summary>
    /// What the script starts from, so it needs no request of its own: this person's role, team,
    /// reactions and votes, and the board's numbers the page shows (counts, lineup, questions; the
    /// projector also gets the cards, to show whoever presents next).
    /// </summary>
    public string MeJson(bool withCards = false) => JsonSerializer.Serialize(new
    {
        userId = Viewer.UserId,
        isOrganizer = Viewer.IsOrganizer,
        teamId = Viewer.MyTeamId,
        reactions = Viewer.MyReactions,
        votes = Viewer.MyVotes,
        counts = Board.Counts,
        sequence = Board.Sequence,
        session = Session,
        queue = Queue,
        questions = Board.Questions,
        cards = withCards ? Board.ShareBacks : null,
    }, Json);
}
