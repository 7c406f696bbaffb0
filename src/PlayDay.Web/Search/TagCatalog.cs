using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PlayDay.Web.Data;

namespace PlayDay.Web.Search;

/// <summary>
/// The archive's filter choices: every tool tag in use (also for "did you mean"), the play days and
/// quarters that have share-backs, and the most recent teams. Read once and kept until a share-back,
/// play day or team is saved (it watches every SaveChanges, so no write path can forget it), and at
/// most a minute, for a save whose transaction commits after the lists were read again. The search
/// and archive pages show them on every request; reading them each time cost more than the search.
/// </summary>
public sealed class TagCatalog(TimeProvider time) : SaveChangesInterceptor
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>The team suggestions list the most recent teams only: a datalist of every team ever would be most of the page.</summary>
    public const int TeamSuggestions = 200;

    /// <summary>A play day with share-backs, as a filter names it.</summary>
    public sealed record PlayDayChoice(int Id, string Title, string Quarter);

    /// <summary>The choices at one moment: play days newest first, quarters in that order, team names and tags in alphabetical order.</summary>
    public sealed record Choices(IReadOnlyList<string> Tags, IReadOnlyList<PlayDayChoice> PlayDays, IReadOnlyList<string> Quarters, IReadOnlyList<string> Teams);

    private sealed record Snapshot(int Generation, DateTimeOffset ReadAt, Choices Choices);

    private Snapshot? _snapshot;
    private int _generation;

    public async Task<IReadOnlyList<string>> TagsAsync(PlayDayDbContext db) => (await ChoicesAsync(db)).Tags;

    public async Task<Choices> ChoicesAsync(PlayDayDbContext db)
    {
        var generation = Volatile.Read(ref _generation);
        if (Volatile.Read(ref _snapshot) is { } snapshot && snapshot.Generation == generation && time.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot.Choices;
        }
        // Distinct combinations first: far fewer than share-backs.
        var combinations = await db.ShareBacks.AsNoTracking().Select(s => s.Tags).Distinct().ToListAsync();
        var tags = combinations.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var playDays = (await db.PlayDays.AsNoTracking().Where(p => db.ShareBacks.Any(s => s.PlayDayId == p.Id)).OrderByDescending(p => p.StartsAtUtc)
                .Select(p => new { p.Id, p.Title, p.Date }).ToListAsync())
            .Select(p => new PlayDayChoice(p.Id, p.Title, Scheduling.Quarter.Of(p.Date).ToString())).ToList();
        var quarters = playDays.Select(p => p.Quarter).Distinct().ToList();
        var teams = (await db.Teams.AsNoTracking().Where(t => db.ShareBacks.Any(s => s.TeamId == t.Id)).OrderByDescending(t => t.Id).Select(t => t.Name).Take(TeamSuggestions).ToListAsync())
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var choices = new Choices(tags, playDays, quarters, teams);
        Volatile.Write(ref _snapshot, new Snapshot(generation, time.GetUtcNow(), choices));
        return choices;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Watch(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Watch(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Watch(DbContext? context)
    {
        if (context?.ChangeTracker.Entries().Any(e => e.Entity is ShareBack or PlayDayEvent or Team && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            Interlocked.Increment(ref _generation);
        }
    }
}
