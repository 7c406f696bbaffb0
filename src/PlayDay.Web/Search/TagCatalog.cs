using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PlayDay.Web.Data;

namespace PlayDay.Web.Search;

/// <summary>
/// Every tool tag in use, for the archive's filter and "did you mean": read once and kept until a
/// share-back is saved (it watches every SaveChanges, so no write path can forget it), and at most a
/// minute, for a save whose transaction commits after the list was read again.
/// </summary>
public sealed class TagCatalog(TimeProvider time) : SaveChangesInterceptor
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(int Generation, DateTimeOffset ReadAt, IReadOnlyList<string> Tags);

    private Snapshot? _snapshot;
    private int _generation;

    public async Task<IReadOnlyList<string>> TagsAsync(PlayDayDbContext db)
    {
        var generation = Volatile.Read(ref _generation);
        if (Volatile.Read(ref _snapshot) is { } snapshot && snapshot.Generation == generation && time.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot.Tags;
        }
        // Distinct combinations first: far fewer than share-backs.
        var combinations = await db.ShareBacks.AsNoTracking().Select(s => s.Tags).Distinct().ToListAsync();
        var tags = combinations.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Volatile.Write(ref _snapshot, new Snapshot(generation, time.GetUtcNow(), tags));
        return tags;
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
        if (context?.ChangeTracker.Entries<ShareBack>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            Interlocked.Increment(ref _generation);
        }
    }
}
