using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Board;
using PlayDay.Web.Data;
using PlayDay.Web.Templates;

namespace PlayDay.Web.Pages.Board;

/// <summary>
/// The live board and its projector view. Both are rendered on the server; board.js then replaces
/// single parts (fetched from OnGetPart) when the hub says they changed.
/// </summary>
public sealed class IndexModel(PlayDayDbContext db, TimeProvider clock, TemplateFiles templates) : PageModel
{
    private static readonly Dictionary<string, string> Parts = new(StringComparer.Ordinal)
    {
        ["session"] = "_Session",
        ["queue"] = "_Queue",
        ["sharebacks"] = "_ShareBacks",
        ["compose"] = "_Compose",
        ["projector-session"] = "_ProjectorSession",
        ["projector-sharebacks"] = "_ProjectorShareBacks",
    };

    public BoardView View { get; private set; } = null!;

    /// <summary>Sent with the first post, so a retry after a dropped connection cannot post twice.</summary>
    public Guid IdempotencyKey { get; } = Guid.NewGuid();

    public string ShareBackTemplate => templates.Read(TemplateFiles.ShareBack);

    public ShareBackView? MyShareBack => View.ShareBacks.FirstOrDefault(s => s.CanEdit);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await BoardView.LoadAsync(db, id, User, clock.GetUtcNow().UtcDateTime) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnGetPartAsync(int id, string? name)
    {
        if (name is null || !Parts.TryGetValue(name, out var partial))
        {
            return BadRequest($"Unknown part. Use one of: {string.Join(", ", Parts.Keys)}.");
        }
        if (await BoardView.LoadAsync(db, id, User, clock.GetUtcNow().UtcDateTime) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Partial(partial, this);
    }
}
