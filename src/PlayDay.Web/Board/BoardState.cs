using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;
using PlayDay.Web.Markdown;

namespace PlayDay.Web.Board;

/// <summary>
/// A board as everyone sees it, at one sequence number: the play day, the session, the queue, the
/// share-backs (with rendered Markdown), reaction counts and questions. Loaded once per sequence
/// number and shared by every screen and page view (<see cref="BoardStates"/>): a first paint, a
/// reconnect or a gap costs one cache lookup, not a render of the whole board.
/// </summary>
public sealed record BoardState(
    long Sequence,
    PlayDayEvent PlayDay,
    BoardSession Session,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<ShareBackCard> ShareBacks,
    IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Counts,
    IReadOnlyDictionary<int, IReadOnlyList<QuestionCard>> Questions)
{
    public static readonly IReadOnlyDictionary<string, int> NoReactions =
        ReactionLabels.All.ToDictionary(k => k.ToString(), _ => 0);

    public IReadOnlyDictionary<string, int> CountsFor(int teamId) => Counts.GetValueOrDefault(teamId) ?? NoReactions;

    /// <summary>The share-backs as their teams wrote them (Markdown), for a team's own edit form; shared, never to be changed.</summary>
    public IReadOnlyList<ShareBack> Texts { get; init; } = [];

    /// <summary>The team <paramref name="userId"/> is in at this play day, or null.</summary>
    public int? TeamOf(string userId) => Teams.FirstOrDefault(t => t.Members.Any(m => m.UserId == userId))?.Id;

    public IReadOnlyList<QuestionCard> QuestionsFor(int teamId) => Questions.GetValueOrDefault(teamId) ?? [];

    public ShareBackCard? ShareBackOf(int teamId) => ShareBacks.FirstOrDefault(s => s.TeamId == teamId);

    public Team? Current => Teams.FirstOrDefault(t => t.Id == Session.CurrentTeamId);

    /// <summary>Who "next presenter" would call: the first team still waiting, not skipped.</summary>
    public Team? NextUp => Team.NextIn(Teams, Session.CurrentTeamId);

    /// <summary>Every team waiting has presented (or was skipped), and nobody is on.</summary>
    public bool Finished => Session.IsStarted && Session.CurrentTeamId is null && NextUp is null && Teams.Any(t => t.PresentedAtUtc is not null);

    public SessionInfo SessionAt(DateTime nowUtc)
    {
        var remaining = Session.Remaining(nowUtc);
        var next = NextUp;
        return new SessionInfo(Session.IsStarted, Session.CurrentTeamId, Current?.Name, Session.EndsAtUtc, Session.IsPaused,
            remaining is { } r ? (long)r.TotalMilliseconds : null, nowUtc, PlayDay.ShareBackMinutes * 60, next?.Id, next?.Name, Finished, Session.ShownQuestionId);
    }

    /// <summary>
    /// The queue with each waiting team's expected slot: after the current slot when the session runs,
    /// otherwise filling the end of the play day (the same estimate as the personal calendar feed).
    /// </summary>
    public IReadOnlyList<QueueEntry> QueueAt(DateTime nowUtc)
    {
        var slot = TimeSpan.FromMinutes(PlayDay.ShareBackMinutes);
        var waiting = Teams.Where(t => !t.Skipped && t.PresentedAtUtc is null && t.Id != Session.CurrentTeamId).ToList();
        // The next slot starts when the current one ends (a paused slot keeps its time left), else now;
        // before the session starts, the share-backs fill the end of the play day.
        DateTime first = !Session.IsStarted ? Max(PlayDay.EndsAtUtc - waiting.Count * slot, PlayDay.StartsAtUtc)
            : Session.CurrentTeamId is null ? nowUtc
            : nowUtc + Max(Session.Remaining(nowUtc) ?? TimeSpan.Zero, TimeSpan.Zero);
        return Teams.Select(t =>
        {
            var position = waiting.IndexOf(t);
            return new QueueEntry(t.Id, t.Name, t.Plan, t.Ask.ToString(), t.Skipped, t.PresentedAtUtc is not null, t.Id == Session.CurrentTeamId,
                position >= 0 ? first + position * slot : null,
                t.Members.Select(m => m.User?.DisplayName ?? "").Where(n => n.Length > 0).ToList());
        }).ToList();
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>What says whether a stored <see cref="BoardState"/> is still current (<see cref="BoardStates.Stamp"/>).</summary>
public sealed record BoardStamp(int Version, int Sequence, DateTime? CancelledAtUtc, long? Board);

/// <summary>A question with the number of votes it has.</summary>
public sealed record QuestionVotes(Question Question, int Votes);

/// <summary>How many people gave a team one kind of reaction.</summary>
public sealed record ReactionCount(int TeamId, ReactionKind Kind, int Count);

/// <summary>What differs per person on a board: their team, what they reacted to and voted for, their role.</summary>
public sealed record BoardViewer(string UserId, bool IsOrganizer, int? MyTeamId, IReadOnlyDictionary<int, IReadOnlyList<string>> MyReactions, IReadOnlyList<int> MyVotes)
{
    /// <summary>This person on <paramref name="board"/>: their team comes from the board (membership changes are board writes), the rest from the database.</summary>
    public static async Task<BoardViewer> LoadAsync(PlayDayDbContext db, BoardState board, ClaimsPrincipal user)
    {
        var playDayId = board.PlayDay.Id;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var myTeamId = board.TeamOf(userId);
        var reactions = await Reactions(db, playDayId, userId).ToListAsync();
        var votes = await Votes(db, playDayId, userId).ToListAsync();
        return new BoardViewer(userId, user.IsOrganizer(), myTeamId,
            reactions.GroupBy(r => r.TeamId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Kind.ToString()).ToList()), votes);
    }

    /// <summary>What <paramref name="userId"/> reacted to on a board.</summary>
    public static IQueryable<Reaction> Reactions(PlayDayDbContext db, int playDayId, string userId) =>
        db.Reactions.AsNoTracking().Where(r => r.UserId == userId && db.Teams.Any(t => t.Id == r.TeamId && t.PlayDayId == playDayId));

    /// <summary>The questions on a board <paramref name="userId"/> voted for.</summary>
    public static IQueryable<int> Votes(PlayDayDbContext db, int playDayId, string userId) =>
        db.QuestionVotes.Where(v => v.UserId == userId && db.Questions.Any(q => q.Id == v.QuestionId && q.PlayDayId == playDayId)).Select(v => v.QuestionId);

    /// <summary>The reactions <paramref name="userId"/> gives one team now, by name.</summary>
    public static IQueryable<string> ReactionsTo(PlayDayDbContext db, int teamId, string userId) =>
        db.Reactions.Where(r => r.TeamId == teamId && r.UserId == userId).Select(r => r.Kind.ToString());

    public bool Reacted(int teamId, ReactionKind kind) => MyReactions.TryGetValue(teamId, out var kinds) && kinds.Contains(kind.ToString());
}

/// <summary>
/// Board states by play day, each reused until the board's sequence number (or the play day itself)
/// changes. Markdown is rendered once per share-back version and question, and kept while memory allows.
/// </summary>
public sealed class BoardStates(MarkdownRenderer markdown) : IDisposable
{
    private readonly ConcurrentDictionary<int, BoardState> _states = new();
    private readonly MemoryCache _html = new(new MemoryCacheOptions { SizeLimit = 20_000_000 });

    public void Dispose() => _html.Dispose();

    /// <summary>The board as last loaded, without asking the database whether it is still current; null before its first load.</summary>
    public BoardState? Latest(int playDayId) => _states.GetValueOrDefault(playDayId);

    /// <summary>The board now; null when there is no such play day.</summary>
    public async Task<BoardState?> GetAsync(PlayDayDbContext db, int playDayId)
    {
        var stamp = await Stamp(db, playDayId).SingleOrDefaultAsync();
        if (stamp is null)
        {
            return null;
        }
        var sequence = stamp.Board ?? 0;
        if (_states.TryGetValue(playDayId, out var cached) && cached.Sequence == sequence && cached.PlayDay.Version == stamp.Version
            && cached.PlayDay.Sequence == stamp.Sequence && cached.PlayDay.CancelledAtUtc == stamp.CancelledAtUtc)
        {
            return cached;
        }
        var state = await LoadAsync(db, playDayId);
        if (state is not null)
        {
            _states.AddOrUpdate(playDayId, state, (_, old) => old.Sequence > state.Sequence ? old : state);
        }
        return state;
    }

    /// <summary>Only the play day, session and teams, read inside a write: for the lineup of a session or queue event.</summary>
    public async Task<BoardState> LineupAsync(PlayDayDbContext db, int playDayId)
    {
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == playDayId);
        var session = await Session(db, playDayId).SingleOrDefaultAsync() ?? new BoardSession { PlayDayId = playDayId };
        var teams = await Teams(db, playDayId).ToListAsync();
        return new BoardState(session.Sequence, playDay, session, teams, [], new Dictionary<int, IReadOnlyDictionary<string, int>>(), new Dictionary<int, IReadOnlyList<QuestionCard>>());
    }

    // The board's queries, each in one place: the loads here run them, and BoardQueryTests compiles each one for
    // every database server (lookups by key alone stay where they are used).

    /// <summary>What says whether a stored board is still current: the play day's numbers and the board's sequence number.</summary>
    public static IQueryable<BoardStamp> Stamp(PlayDayDbContext db, int playDayId) =>
        db.PlayDays.Where(p => p.Id == playDayId)
            .Select(p => new BoardStamp(p.Version, p.Sequence, p.CancelledAtUtc, db.BoardSessions.Where(b => b.PlayDayId == p.Id).Select(b => (long?)b.Sequence).FirstOrDefault()));

    /// <summary>The board's session (none until its first write).</summary>
    public static IQueryable<BoardSession> Session(PlayDayDbContext db, int playDayId) =>
        db.BoardSessions.AsNoTracking().Where(b => b.PlayDayId == playDayId);

    /// <summary>The board's sequence number (none until its first write).</summary>
    public static IQueryable<long> SequenceOf(PlayDayDbContext db, int playDayId) =>
        db.BoardSessions.Where(b => b.PlayDayId == playDayId).Select(b => b.Sequence);

    /// <summary>The teams in queue order, with their members in the order they joined.</summary>
    public static IQueryable<Team> Teams(PlayDayDbContext db, int playDayId) =>
        Team.Queue(db.Teams, playDayId).AsNoTracking().Include(t => t.Members.OrderBy(m => m.JoinedAtUtc)).ThenInclude(m => m.User);

    /// <summary>The share-backs on the board, newest first, with their teams.</summary>
    public static IQueryable<ShareBack> ShareBacks(PlayDayDbContext db, int playDayId) =>
        db.ShareBacks.AsNoTracking().Where(s => s.PlayDayId == playDayId).Include(s => s.Team).OrderByDescending(s => s.Id);

    /// <summary>A team's share-back (not deleted), if it posted one.</summary>
    public static IQueryable<ShareBack> ShareBackOf(PlayDayDbContext db, int teamId) =>
        db.ShareBacks.AsNoTracking().Where(s => s.TeamId == teamId);

    /// <summary>The board's questions, each with its votes.</summary>
    public static IQueryable<QuestionVotes> Questions(PlayDayDbContext db, int playDayId) => WithVotes(db.Questions.Where(q => q.PlayDayId == playDayId));

    /// <summary>A team's questions, each with its votes.</summary>
    public static IQueryable<QuestionVotes> TeamQuestions(PlayDayDbContext db, int teamId) => WithVotes(db.Questions.Where(q => q.TeamId == teamId));

    private static IQueryable<QuestionVotes> WithVotes(IQueryable<Question> questions) =>
        questions.AsNoTracking().Select(q => new QuestionVotes(q, q.Votes.Count));

    /// <summary>Who in other teams adopted the board's discoveries.</summary>
    public static IQueryable<Adoption> Adoptions(PlayDayDbContext db, int playDayId) =>
        db.Adoptions.AsNoTracking().Where(a => db.ShareBacks.Any(s => s.Id == a.ShareBackId && s.PlayDayId == playDayId));

    /// <summary>Live reactions per team of a play day (or one of its teams), counted by kind.</summary>
    public static IQueryable<ReactionCount> ReactionCounts(PlayDayDbContext db, int playDayId, int? teamId = null) =>
        db.Reactions.Where(r => db.Teams.Any(t => t.Id == r.TeamId && t.PlayDayId == playDayId) && (teamId == null || r.TeamId == teamId))
            .GroupBy(r => new { r.TeamId, r.Kind }).Select(g => new ReactionCount(g.Key.TeamId, g.Key.Kind, g.Count()));

    /// <summary>A team's questions now, best first, for a questions event.</summary>
    public async Task<IReadOnlyList<QuestionCard>> QuestionsForAsync(PlayDayDbContext db, int teamId) =>
        (await TeamQuestions(db, teamId).ToListAsync())
            .Select(q => Question(q.Question, q.Votes)).OrderByDescending(q => q.Votes).ThenBy(q => q.AskedAtUtc).ToList();

    private async Task<BoardState?> LoadAsync(PlayDayDbContext db, int playDayId)
    {
        var playDay = await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playDayId);
        if (playDay is null)
        {
            return null;
        }
        var session = await Session(db, playDayId).SingleOrDefaultAsync() ?? new BoardSession { PlayDayId = playDayId };
        var teams = await Teams(db, playDayId).ToListAsync();
        var counts = await CountsAsync(db, playDayId);
        var shareBacks = await ShareBacks(db, playDayId).ToListAsync();
        var questions = await Questions(db, playDayId).ToListAsync();
        var adoptions = (await Adoptions(db, playDayId).ToListAsync()).ToLookup(a => a.ShareBackId);
        return new BoardState(
            session.Sequence,
            playDay,
            session,
            teams,
            shareBacks.Select(s => Card(s, CountsWith(counts.GetValueOrDefault(s.TeamId), s), adoptions[s.Id])).ToList(),
            teams.ToDictionary(t => t.Id, t => (IReadOnlyDictionary<string, int>)CountsWith(counts.GetValueOrDefault(t.Id), shareBacks.FirstOrDefault(s => s.TeamId == t.Id))),
            questions.GroupBy(q => q.Question.TeamId).ToDictionary(g => g.Key,
                g => (IReadOnlyList<QuestionCard>)g.Select(q => Question(q.Question, q.Votes)).OrderByDescending(q => q.Votes).ThenBy(q => q.AskedAtUtc).ToList()))
        {
            Texts = shareBacks,
        };
    }

    /// <summary>Live reaction counts per team of a play day, by kind.</summary>
    private static async Task<Dictionary<int, Dictionary<ReactionKind, int>>> CountsAsync(PlayDayDbContext db, int playDayId, int? teamId = null)
    {
        var rows = await ReactionCounts(db, playDayId, teamId).ToListAsync();
        return rows.GroupBy(r => r.TeamId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Kind, r => r.Count));
    }

    /// <summary>A team's counts now: its live reactions plus what its share-back brought from an import.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsForAsync(PlayDayDbContext db, int playDayId, int teamId)
    {
        var live = (await CountsAsync(db, playDayId, teamId)).GetValueOrDefault(teamId);
        var shareBack = await ShareBackOf(db, teamId).SingleOrDefaultAsync();
        return CountsWith(live, shareBack);
    }

    private static Dictionary<string, int> CountsWith(Dictionary<ReactionKind, int>? live, ShareBack? shareBack)
    {
        var imported = shareBack?.ReactionCounts() ?? [];
        return ReactionLabels.All.ToDictionary(k => k.ToString(), k => (live?.GetValueOrDefault(k) ?? 0) + imported.GetValueOrDefault(k));
    }

    public ShareBackCard Card(ShareBack shareBack, IReadOnlyDictionary<string, int> counts, IEnumerable<Adoption> adoptions) => new(
        shareBack.Id, shareBack.TeamId, shareBack.Team?.Name ?? "", shareBack.Title, shareBack.TagList,
        Html($"shareback:{shareBack.Id}:{shareBack.Version}", shareBack.Body, $"shareback-{shareBack.Id}-"),
        shareBack.PostedAtUtc, shareBack.PostedBy, shareBack.EditedAtUtc, shareBack.EditedBy, shareBack.Version, counts,
        DiscoveryCard.Of(shareBack, adoptions));

    /// <summary>A share-back's card as it stands in the database (inside a write: what the write changed).</summary>
    public async Task<ShareBackCard> CardAsync(PlayDayDbContext db, ShareBack shareBack)
    {
        shareBack.Team ??= await db.Teams.AsNoTracking().SingleAsync(t => t.Id == shareBack.TeamId);
        var adoptions = await db.Adoptions.AsNoTracking().Where(a => a.ShareBackId == shareBack.Id).ToListAsync();
        return Card(shareBack, await CountsForAsync(db, shareBack.PlayDayId, shareBack.TeamId), adoptions);
    }

    public QuestionCard Question(Question question, int votes) => new(
        question.Id, question.TeamId, Html($"question:{question.Id}", question.Text, $"question-{question.Id}-"), question.AskedBy, question.AskedAtUtc, votes,
        question.Answer is null ? null : Html($"answer:{question.Id}:{question.AnsweredAtUtc?.Ticks}", question.Answer, $"answer-{question.Id}-"),
        question.AnsweredBy, question.AnsweredAtUtc);

    /// <summary>The Markdown of one version of one text, rendered once.</summary>
    public RenderedMarkdown Html(string key, string markdownText, string idPrefix) =>
        _html.GetOrCreate(key + "|" + markdownText.Length, entry =>
        {
            var html = markdown.Render(markdownText, idPrefix);
            entry.Size = html.Html.Length + 64;
            return html;
        })!;
}
