using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Pages.Archive;

/// <summary>
/// Every share-back of every play day, newest first, filtered by quarter, play day, team, tool,
/// outcome or reaction. The page is cut in SQL and the filters' choices are small queries, so the
/// page costs the same with a hundred share-backs or a hundred thousand.
/// </summary>
/// <remarks>Stored once for every organizer and once for everyone else (<see cref="SharedPages"/>); a write empties it.</remarks>
[OutputCache(PolicyName = SharedPages.ByRole)]
public sealed class IndexModel(PlayDayDbContext db, ShareBackSearch search, TagCatalog tagCatalog) : PageModel
{
    public const int PageSize = 20;

    /// <summary>The team suggestions list the most recent teams only: a datalist of every team ever would be most of the page.</summary>
    public const int TeamSuggestions = TagCatalog.TeamSuggestions;

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true, Name = "playday")]
    public int? PlayDayId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reaction { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ShareBackSearch.Results Results { get; private set; } = new([], 0, false, 1, PageSize, []);
    public SearchOrder Order { get; private set; } = SearchOrder.Newest;
    public IReadOnlyList<TagCatalog.PlayDayChoice> PlayDays { get; private set; } = [];
    public IReadOnlyList<string> Quarters { get; private set; } = [];
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public string? FilterProblem { get; private set; }

    public async Task OnGetAsync()
    {
        // The filters' choices change only when a share-back, play day or team is saved: cached.
        var choices = await tagCatalog.ChoicesAsync(db);
        (PlayDays, Quarters, Teams, Tags) = (choices.PlayDays, choices.Quarters, choices.Teams, choices.Tags);

        var (filters, problem) = ShareBackSearch.Filters.Read(Quarter, Outcome, Reaction, Tag, PlayDayId, Team);
        FilterProblem = problem;
        Order = ShareBackSearch.ReadOrder(Sort, SearchOrder.Newest) == SearchOrder.Oldest ? SearchOrder.Oldest : SearchOrder.Newest;
        Results = await search.SearchAsync(SearchQuery.Parse(null), PageNumber, filters, Order, PageSize);
        PageNumber = Results.Page;
    }

    public string PageLink(int page) =>
        Url.Page("Index", new { quarter = Quarter, playday = PlayDayId, team = Team, tag = Tag, outcome = Outcome, reaction = Reaction, sort = Sort, p = page })!;
}
