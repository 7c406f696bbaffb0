using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Discoveries;

/// <summary>One discovery as a recap shows it: what became of it, the latest word on it, and who is re-testing it.</summary>
public sealed record RecapItem(ShareBack ShareBack, PlayDayEvent PlayDay, DiscoveryCard Card, OutcomeUpdate? Latest, IReadOnlyList<Retest> RetestedBy);

/// <summary>A later team that set out to re-test a discovery.</summary>
public sealed record Retest(int TeamId, string TeamName, int PlayDayId, string PlayDayTitle, Quarter Quarter);

/// <summary>
/// What became of a set of discoveries (a past play day's, or last quarter's), grouped by outcome.
/// Totals are per discovery and for the whole set, as the teams reported them: never per person,
/// never a ranking.
/// </summary>
public sealed record Recap(IReadOnlyList<RecapItem> Items)
{
    /// <summary>The order a recap reads in: what stuck first, what broke and what almost worked last, nothing hidden.</summary>
    public static readonly Outcome[] Order = [Outcome.Spreading, Outcome.Adopted, Outcome.Trying, Outcome.RetestNextQuarter, Outcome.Dropped, Outcome.Shared];

    public IEnumerable<(Outcome Outcome, IReadOnlyList<RecapItem> Items)> Groups =>
        Order.Select(o => (o, (IReadOnlyList<RecapItem>)Items.Where(i => i.ShareBack.Outcome == o).ToList())).Where(g => g.Item2.Count > 0);

    public IReadOnlyList<RecapItem> Suggestions => Items.Where(i => i.ShareBack.Outcome == Outcome.RetestNextQuarter).ToList();

    /// <summary>Minutes a week saved, added up over the discoveries whose teams gave before and after figures.</summary>
    public long MinutesSavedPerWeek => Items.Sum(i => (long)(i.ShareBack.Figures.MinutesSavedPerWeek ?? 0));

    public int WithFigures => Items.Count(i => i.ShareBack.Figures.MinutesSavedPerWeek is not null);

    public int SpreadingToTeams => Items.SelectMany(i => i.Card.UsedBy).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>The recap of these share-backs (the query decides which: one play day's, a quarter's).</summary>
    public static async Task<Recap> OfAsync(PlayDayDbContext db, IQueryable<ShareBack> shareBacks)
    {
        var list = await shareBacks.AsNoTracking().Include(s => s.Team).OrderBy(s => s.PlayDayId).ThenBy(s => s.PostedAtUtc).ToListAsync();
        var ids = list.Select(s => s.Id).ToList();
        var playDayIds = list.Select(s => s.PlayDayId).Distinct().ToList();
        var playDays = await db.PlayDays.AsNoTracking().Where(p => playDayIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var adoptions = (await db.Adoptions.AsNoTracking().Where(a => ids.Contains(a.ShareBackId)).ToListAsync()).ToLookup(a => a.ShareBackId);
        var latest = (await db.OutcomeUpdates.AsNoTracking().Where(u => ids.Contains(u.ShareBackId) && u.Note != null).ToListAsync())
            .GroupBy(u => u.ShareBackId).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UpdatedAtUtc).ThenByDescending(u => u.Id).First());
        var retests = await RetestsOfAsync(db, ids);
        return new Recap(list.Select(s => new RecapItem(s, playDays[s.PlayDayId], DiscoveryCard.Of(s, adoptions[s.Id]), latest.GetValueOrDefault(s.Id),
            retests[s.Id].ToList())).ToList());
    }

    /// <summary>
    /// "What happened to last quarter's discoveries", as the next play day opens: the latest quarter
    /// before <paramref name="playDay"/>'s that had share-backs, or null when there is none.
    /// </summary>
    public static async Task<(Quarter Quarter, Recap Recap)?> LastQuarterAsync(PlayDayDbContext db, PlayDayEvent playDay)
    {
        var firstDay = playDay.Quarter.FirstDay;
        var latest = await db.ShareBacks.Where(s => db.PlayDays.Any(p => p.Id == s.PlayDayId && p.Date < firstDay && p.CancelledAtUtc == null))
            .Join(db.PlayDays, s => s.PlayDayId, p => p.Id, (s, p) => p.Date).OrderByDescending(d => d).Cast<DateOnly?>().FirstOrDefaultAsync();
        if (latest is not { } date)
        {
            return null;
        }
        var quarter = Quarter.Of(date);
        var (from, to) = (quarter.FirstDay, quarter.LastDay);
        var recap = await OfAsync(db, db.ShareBacks.Where(s => db.PlayDays.Any(p => p.Id == s.PlayDayId && p.Date >= from && p.Date <= to && p.CancelledAtUtc == null)));
        return (quarter, recap);
    }

    /// <summary>
    /// <see cref="LastQuarterAsync"/>, read at most once a minute per play day: the board's first paint
    /// shows it to every screen, and what became of last quarter's discoveries does not change by the second.
    /// </summary>
    public static async Task<(Quarter Quarter, Recap Recap)?> LastQuarterCachedAsync(IMemoryCache cache, PlayDayDbContext db, PlayDayEvent playDay) =>
        await cache.GetOrCreateAsync(("last-quarter", playDay.Id, playDay.Date), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return LastQuarterAsync(db, playDay);
        });

    /// <summary>Discoveries a new team at <paramref name="playDay"/> can set out to re-test: every earlier one that almost worked, newest first.</summary>
    public static Task<List<ShareBack>> SuggestionsForAsync(PlayDayDbContext db, PlayDayEvent playDay) =>
        db.ShareBacks.AsNoTracking().Include(s => s.Team)
            .Where(s => s.Outcome == Outcome.RetestNextQuarter && db.PlayDays.Any(p => p.Id == s.PlayDayId && p.StartsAtUtc < playDay.StartsAtUtc))
            .OrderByDescending(s => s.PostedAtUtc).Take(50).ToListAsync();

    /// <summary>The later teams re-testing each of these share-backs.</summary>
    public static async Task<ILookup<int, Retest>> RetestsOfAsync(PlayDayDbContext db, IReadOnlyCollection<int> shareBackIds) =>
        (await db.Teams.AsNoTracking().Where(t => t.RetestOfShareBackId != null && shareBackIds.Contains(t.RetestOfShareBackId.Value))
            .Join(db.PlayDays, t => t.PlayDayId, p => p.Id, (t, p) => new { ShareBackId = t.RetestOfShareBackId!.Value, t.Id, t.Name, PlayDayId = p.Id, p.Title, p.Date })
            .ToListAsync())
        .ToLookup(r => r.ShareBackId, r => new Retest(r.Id, r.Name, r.PlayDayId, r.Title, Quarter.Of(r.Date)));
}
