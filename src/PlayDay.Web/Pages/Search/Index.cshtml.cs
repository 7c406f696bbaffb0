using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Search;

namespace PlayDay.Web.Pages.Search;

public sealed class IndexModel(ShareBackSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchQuery Query { get; private set; } = SearchQuery.Parse(null);

    public ShareBackSearch.Results? Results { get; private set; }

    public async Task OnGetAsync()
    {
        Query = SearchQuery.Parse(Q);
        if (!Query.IsEmpty)
        {
            Results = await search.SearchAsync(Query, PageNumber);
        }
    }
}
