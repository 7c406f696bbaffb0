using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PlayDay.Web.Data;
using PlayDay.Web.Search;

namespace PlayDay.Web.Pages.Search;

/// <remarks>Stored once for every organizer and once for everyone else (<see cref="SharedPages"/>); a write empties it.</remarks>
[OutputCache(PolicyName = SharedPages.ByRole)]
public sealed class IndexModel(ShareBackSearch search, PlayDayDbContext db, TagCatalog tagCatalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tool { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reaction { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchQuery Query { get; private set; } = SearchQuery.Parse(null);

    public SearchOrder Order { get; private set; }

    public ShareBackSearch.Results? Results { get; private set; }

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    public IReadOnlyList<string> Tools { get; private set; } = [];

    public string? FilterProblem { get; private set; }

    public bool Filtered { get; private set; }

    public async Task OnGetAsync()
    {
        Query = SearchQuery.Parse(Q);
        var (filters, problem) = ShareBackSearch.Filters.Read(Quarter, Outcome, Reaction, Tool);
        FilterProblem = problem;
        Filtered = filters.Any;
        Order = ShareBackSearch.ReadOrder(Sort, SearchOrder.Relevance);
        var choices = await tagCatalog.ChoicesAsync(db);
        Quarters = choices.Quarters;
        Tools = choices.Tags;
        if (!Query.IsEmpty || filters.Any)
        {
            Results = await search.SearchAsync(Query, PageNumber, filters, Order);
        }
    }

    public string PageLink(int page) =>
        Url.Page("Index", new { q = Q, quarter = Quarter, tool = Tool, outcome = Outcome, reaction = Reaction, sort = Sort, p = page })!;
}
