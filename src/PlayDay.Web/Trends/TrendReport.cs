using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Trends;

/// <summary>How far a quarter's discoveries got: every one was shared; some were tried, adopted, spread.</summary>
public sealed record Funnel(int Shared, int Tried, int Adopted, int Spreading)
{
    /// <summary>The stages in funnel order, with their labels.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Stage, int Count)> Stages =>
        [("Shared", Shared), ("Tried in real work", Tried), ("Adopted", Adopted), ("Spreading to other teams", Spreading)];
}

/// <summary>One tool and the number of share-backs that named it.</summary>
public sealed record ToolCount(string Tool, int ShareBacks);

/// <summary>
/// One tool among the discoveries that almost worked: re-test next quarter, dropped, or (with another
/// outcome) called a "Great failure" by the room. Each share-back counts once, in the first that applies.
/// </summary>
public sealed record AlmostWorked(string Tool, int Retest, int Dropped, int GreatFailure)
{
    public int Total => Retest + Dropped + GreatFailure;
}

/// <summary>One quarter's numbers: per discovery and for the whole quarter, never per person or team.</summary>
public sealed record QuarterTrend(
    Quarter Quarter,
    int ShareBacks,
    Funnel Reached,
    IReadOnlyDictionary<Outcome, int> Now,
    long MinutesSavedPerWeek,
    int WithFigures,
    IReadOnlyList<ToolCount> Tools,
    IReadOnlyList<AlmostWorked> AlmostWorked);

/// <summary>
/// Trends across quarters, over every share-back that is not deleted (the query filter) of every play
/// day that was not cancelled. Counts are of discoveries; time saved is the teams' own figures.
/// The quarters run from the first to the last with share-backs (or the range asked for), gaps shown as zero.
/// </summary>
public sealed record TrendReport(Quarter? From, Quarter? To, IReadOnlyList<QuarterTrend> Quarters)
{
    private static readonly Outcome[] TriedOrLater = [Outcome.Trying, Outcome.Adopted, Outcome.Spreading];
    private static readonly Outcome[] AdoptedOrLater = [Outcome.Adopted, Outcome.Spreading];

    /// <summary>Ranges wider than this are refused: a chart of more than twenty years of quarters helps nobody.</summary>
    public const int MaxQuarters = 80;

    /// <summary>Reads "?from=2025-Q4&amp;to=2026-Q4" (either may be missing); returns why it cannot, or null.</summary>
    public static string? TryParseRange(string? from, string? to, out Quarter? first, out Quarter? last)
    {
        first = last = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!Quarter.TryParse(from, out var q))
            {
                return $"“{Clip(from)}” is not a quarter: write it like 2025-Q4.";
            }
            first = q;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!Quarter.TryParse(to, out var q))
            {
                return $"“{Clip(to)}” is not a quarter: write it like 2026-Q4.";
            }
            last = q;
        }
        if (first is { } a && last is { } b)
        {
            if (Index(a) > Index(b))
            {
                return $"The range starts ({a}) after it ends ({b}): swap the two quarters.";
            }
            if (Index(b) - Index(a) + 1 > MaxQuarters)
            {
                return $"Pick at most {MaxQuarters} quarters at a time.";
            }
        }
        return null;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static int Index(Quarter q) => q.Year * 4 + q.Number - 1;

    private static Quarter FromIndex(int i) => new(i / 4, i % 4 + 1);

    public static async Task<TrendReport> ComputeAsync(PlayDayDbContext db, Quarter? from = null, Quarter? to = null)
    {
        var playDays = db.PlayDays.Where(p => p.CancelledAtUtc == null);
        if (from is { } f)
        {
            var firstDay = f.FirstDay;
            playDays = playDays.Where(p => p.Date >= firstDay);
        }
        if (to is { } t)
        {
            var lastDay = t.LastDay;
            playDays = playDays.Where(p => p.Date <= lastDay);
        }
        var dates = await playDays.Select(p => new { p.Id, p.Date }).ToDictionaryAsync(p => p.Id, p => p.Date);
        var counted = db.ShareBacks.Where(s => playDays.Any(p => p.Id == s.PlayDayId));

        // One pass over the share-backs, a few short columns each (never the body): tags are one comma-separated
        // column, so they are split here, and the rest is added up in the same loop. The history ("was it ever
        // tried?") and the room's "Great failure" reactions are asked in SQL, as EXISTS on their indexes.
        var rows = await counted
            .Select(s => new
            {
                s.PlayDayId,
                s.Outcome,
                s.Tags,
                s.MinutesPerWeekBefore,
                s.MinutesPerWeekAfter,
                s.PeopleUsingNewWay,
                s.ImportedReactions,
                Tried = TriedOrLater.Contains(s.Outcome) || s.OutcomeUpdates.Any(u => TriedOrLater.Contains(u.To)),
                Adopted = AdoptedOrLater.Contains(s.Outcome) || s.OutcomeUpdates.Any(u => AdoptedOrLater.Contains(u.To)),
                Spreading = s.Outcome == Outcome.Spreading || s.OutcomeUpdates.Any(u => u.To == Outcome.Spreading),
                GreatFailure = db.Reactions.Any(r => r.TeamId == s.TeamId && r.Kind == ReactionKind.GreatFailure),
            })
            .ToListAsync();

        var byQuarter = new Dictionary<Quarter, Builder>();
        // A play day scheduled between the queries is not in the dates: it waits for the next look.
        Builder For(int playDayId)
        {
            var quarter = dates.TryGetValue(playDayId, out var date) ? Quarter.Of(date) : (Quarter?)null;
            if (quarter is not { } q)
            {
                return new Builder();
            }
            if (!byQuarter.TryGetValue(q, out var builder))
            {
                byQuarter[q] = builder = new Builder();
            }
            return builder;
        }
        foreach (var row in rows)
        {
            var b = For(row.PlayDayId);
            b.ShareBacks++;
            b.Now[row.Outcome] = b.Now.GetValueOrDefault(row.Outcome) + 1;
            b.Tried += row.Tried ? 1 : 0;
            b.Adopted += row.Adopted ? 1 : 0;
            b.Spreading += row.Spreading ? 1 : 0;
            // The saving is Figures' own rule, so the trends and a recap never disagree.
            if (new Figures(row.MinutesPerWeekBefore, row.MinutesPerWeekAfter, null, row.PeopleUsingNewWay, null).MinutesSavedPerWeek is { } saved)
            {
                b.MinutesSaved += saved;
                b.WithFigures++;
            }
            var kind = row.Outcome switch
            {
                Outcome.RetestNextQuarter => AlmostKind.Retest,
                Outcome.Dropped => AlmostKind.Dropped,
                _ when row.GreatFailure || ImportedGreatFailures(row.ImportedReactions) > 0 => AlmostKind.GreatFailure,
                _ => (AlmostKind?)null,
            };
            // Stored tags are lower-case already; lower-casing again keeps imported or older rows together.
            foreach (var tag in ShareBack.ParseTags(row.Tags))
            {
                b.Tools[tag] = b.Tools.GetValueOrDefault(tag) + 1;
                if (kind is { } k)
                {
                    var counts = b.Almost.TryGetValue(tag, out var c) ? c : new int[3];
                    counts[(int)k]++;
                    b.Almost[tag] = counts;
                }
            }
        }

        var known = byQuarter.Keys.Select(Index).ToList();
        if (known.Count == 0 && (from is null || to is null))
        {
            return new TrendReport(from, to, []);
        }
        // An open end follows the data; a range wider than the limit shrinks toward the data, then keeps the latest quarters.
        var firstIndex = from is { } ff ? Index(ff) : known.Min();
        var lastIndex = to is { } tt ? Index(tt) : known.Max();
        if (lastIndex - firstIndex + 1 > MaxQuarters && known.Count > 0)
        {
            (firstIndex, lastIndex) = (Math.Max(firstIndex, known.Min()), Math.Min(lastIndex, known.Max()));
        }
        firstIndex = Math.Max(firstIndex, lastIndex - MaxQuarters + 1);
        var quarters = new List<QuarterTrend>();
        for (var i = firstIndex; i <= lastIndex; i++)
        {
            var quarter = FromIndex(i);
            quarters.Add((byQuarter.GetValueOrDefault(quarter) ?? new Builder()).Build(quarter));
        }
        return new TrendReport(from, to, quarters);
    }

    /// <summary>"Great failure" reactions carried in by an archive import, read the way the share-back reads them.</summary>
    private static int ImportedGreatFailures(string? imported) =>
        string.IsNullOrEmpty(imported) ? 0 : new ShareBack { ImportedReactions = imported }.ReactionCounts()[ReactionKind.GreatFailure];

    private enum AlmostKind
    {
        Retest = 0,
        Dropped = 1,
        GreatFailure = 2,
    }

    private sealed class Builder
    {
        public int ShareBacks { get; set; }
        public int Tried { get; set; }
        public int Adopted { get; set; }
        public int Spreading { get; set; }
        // Long: a few discoveries at the figures' limits add up past an int.
        public long MinutesSaved { get; set; }
        public int WithFigures { get; set; }
        public Dictionary<Outcome, int> Now { get; } = [];
        public Dictionary<string, int> Tools { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int[]> Almost { get; } = new(StringComparer.Ordinal);

        public QuarterTrend Build(Quarter quarter) => new(
            quarter,
            ShareBacks,
            new Funnel(ShareBacks, Tried, Adopted, Spreading),
            Outcomes.All.ToDictionary(o => o, o => Now.GetValueOrDefault(o)),
            MinutesSaved,
            WithFigures,
            Tools.Select(t => new ToolCount(t.Key, t.Value)).OrderByDescending(t => t.ShareBacks).ThenBy(t => t.Tool, StringComparer.Ordinal).ToList(),
            Almost.Select(a => new AlmostWorked(a.Key, a.Value[0], a.Value[1], a.Value[2]))
                .OrderByDescending(a => a.Total).ThenBy(a => a.Tool, StringComparer.Ordinal).ToList());
    }

    /// <summary>Every tool's share-backs over the whole range, most used first (tools may be ranked; people never).</summary>
    public IReadOnlyList<ToolCount> ToolsOverall =>
        Quarters.SelectMany(q => q.Tools).GroupBy(t => t.Tool, StringComparer.Ordinal)
            .Select(g => new ToolCount(g.Key, g.Sum(t => t.ShareBacks)))
            .OrderByDescending(t => t.ShareBacks).ThenBy(t => t.Tool, StringComparer.Ordinal).ToList();

    /// <summary>The tools of discoveries that almost worked, over the range; a theme recurs when it comes up in more than one quarter.</summary>
    public IReadOnlyList<(AlmostWorked Totals, IReadOnlyList<Quarter> Quarters)> AlmostWorkedOverall =>
        Quarters.SelectMany(q => q.AlmostWorked.Select(a => (q.Quarter, a))).GroupBy(x => x.a.Tool, StringComparer.Ordinal)
            .Select(g => (new AlmostWorked(g.Key, g.Sum(x => x.a.Retest), g.Sum(x => x.a.Dropped), g.Sum(x => x.a.GreatFailure)),
                (IReadOnlyList<Quarter>)g.Select(x => x.Quarter).ToList()))
            .OrderByDescending(x => x.Item2.Count).ThenByDescending(x => x.Item1.Total).ThenBy(x => x.Item1.Tool, StringComparer.Ordinal).ToList();
}
