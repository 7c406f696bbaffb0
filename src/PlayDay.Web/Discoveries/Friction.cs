using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Discoveries;

/// <summary>One blocker as the friction view lists it, with the discovery it holds up.</summary>
public sealed record FrictionItem(Blocker Blocker, int ShareBackId, string Title, string? TeamName, Outcome Outcome, Quarter Quarter);

/// <summary>
/// Where scaling stalls: which blockers recur, for which discoveries, quarter by quarter (the quarter
/// a blocker was recorded in). Counts are per blocker and per discovery, never per person.
/// </summary>
public sealed record Friction(IReadOnlyList<FrictionItem> Items, IReadOnlyList<Quarter> Quarters)
{
    /// <summary>The most blockers the view reads: the newest, which is what organizers act on.</summary>
    public const int MaxItems = 5_000;

    public int Count(BlockerKind kind, Quarter quarter) => Items.Count(i => i.Blocker.Kind == kind && i.Quarter == quarter);

    public int Open(BlockerKind kind) => Items.Count(i => i.Blocker.Kind == kind && !i.Blocker.IsCleared);

    /// <summary>Distinct discoveries a kind of blocker held up.</summary>
    public int Discoveries(BlockerKind kind) => Items.Where(i => i.Blocker.Kind == kind).Select(i => i.ShareBackId).Distinct().Count();

    /// <summary>Kinds that occurred, the most recurring (most discoveries held up) first.</summary>
    public IReadOnlyList<BlockerKind> Kinds => BlockerKinds.All.Where(k => Items.Any(i => i.Blocker.Kind == k))
        .OrderByDescending(Discoveries).ThenByDescending(Open).ThenBy(k => k).ToList();

    public static async Task<Friction> LoadAsync(PlayDayDbContext db)
    {
        var rows = await db.Blockers.AsNoTracking()
            .Join(db.ShareBacks, b => b.ShareBackId, s => s.Id, (b, s) => new { Blocker = b, s.Id, s.Title, TeamName = s.Team!.Name, s.Outcome })
            .OrderByDescending(r => r.Blocker.RecordedAtUtc).ThenByDescending(r => r.Blocker.Id).Take(MaxItems).ToListAsync();
        var items = rows.Select(r => new FrictionItem(r.Blocker, r.Id, r.Title, r.TeamName, r.Outcome, Quarter.Of(DateOnly.FromDateTime(r.Blocker.RecordedAtUtc)))).ToList();
        return new Friction(items, items.Select(i => i.Quarter).Distinct().OrderBy(q => q.Year).ThenBy(q => q.Number).ToList());
    }
}
