using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Search;

namespace PlayDay.Web.Pages.Search;

/// <summary>
/// The "Has someone tried this already?" panel's contents for what is typed so far: a small HTML
/// fragment (no layout) that wwwroot/js/related.js puts beside the form. Text without a meaningful
/// word gives an empty answer; text over <see cref="RelatedShareBacks.MaxTextLength"/> or an
/// unreadable share-back number gives 400 with the reason.
/// </summary>
public sealed class RelatedModel(RelatedShareBacks related) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    /// <summary>The share-back being edited, which is never related to itself.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Exclude { get; set; }

    public IReadOnlyList<RelatedShareBacks.Item> Items { get; private set; } = [];

    /// <summary>Whether the text had a word worth looking for; without one the panel shows its hint again.</summary>
    public bool Asked { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Typed text, not a page: nobody should keep it in a cache.
        Response.Headers.CacheControl = "no-store";
        if (!ModelState.IsValid)
        {
            Problem = "“exclude” is the number of a share-back.";
        }
        else if (Text?.Length > RelatedShareBacks.MaxTextLength)
        {
            Problem = $"The text can be at most {RelatedShareBacks.MaxTextLength} characters; it has {Text.Length}.";
        }
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Asked = RelatedShareBacks.Terms(Text).Count > 0;
        Items = Asked ? await related.FindAsync(Text, Exclude, HttpContext.RequestAborted) : [];
        return Page();
    }
}
