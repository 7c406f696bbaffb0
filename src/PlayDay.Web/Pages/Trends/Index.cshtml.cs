using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Trends;

namespace PlayDay.Web.Pages.Trends;

/// <summary>Trends across quarters: share-backs, what became of them, tools, what almost worked, time saved. Never per person.</summary>
/// <remarks>
/// Stored once for every organizer and once for everyone else (<see cref="SharedPages"/>; a write empties it): adding up
/// every share-back takes about 1.6 s at 100,000, and many people opening the page at once share one computation.
/// </remarks>
[OutputCache(PolicyName = SharedPages.ByRole)]
public sealed class IndexModel(PlayDayDbContext db) : PageModel
{
    /// <summary>Tools shown per quarter; the downloads have every one.</summary>
    public const int ToolsPerQuarter = 5;

    /// <summary>Tools shown in the overall and "almost worked" charts; the tables and downloads have every one.</summary>
    public const int ToolsInChart = 10;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public string? RangeProblem { get; private set; }

    public TrendReport Report { get; private set; } = new(null, null, []);

    /// <summary>The order outcomes stack in: what stuck first, as the recap reads.</summary>
    public static IReadOnlyList<Outcome> OutcomeOrder => Recap.Order;

    public static readonly IReadOnlyDictionary<Outcome, string> OutcomeColours = new Dictionary<Outcome, string>
    {
        [Outcome.Spreading] = "#6d28d9",
        [Outcome.Adopted] = "#047857",
        [Outcome.Trying] = "#1d4ed8",
        [Outcome.RetestNextQuarter] = "#b45309",
        [Outcome.Dropped] = "#be123c",
        [Outcome.Shared] = "#4b5563",
    };

    public async Task OnGetAsync()
    {
        RangeProblem = TrendReport.TryParseRange(From, To, out var first, out var last);
        if (RangeProblem is null)
        {
            Report = await TrendReport.ComputeAsync(db, first, last);
        }
    }
}
