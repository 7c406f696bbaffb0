using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Following;
using PlayDay.Web.Search;

namespace PlayDay.Web.Pages.Following;

/// <summary>
/// What a person follows, how often the digest comes, and their Atom feed links. The follow and
/// unfollow buttons elsewhere (share-back pages, the archive and search for one tool) post here and
/// come back to where they were.
/// </summary>
public sealed class IndexModel(PlayDayDbContext db, UserManager<AppUser> users, TagCatalog tagCatalog, PlayDayCalendar calendar,
    IOptions<FollowingOptions> options, TimeProvider clock) : PageModel
{
    public const string ErrorKey = "Tag";

    /// <summary>The tool to follow or unfollow, as typed or as a button sends it.</summary>
    [BindProperty]
    public string? Tag { get; set; }

    /// <summary>Where a button elsewhere came from: the person goes back there (this site only).</summary>
    [BindProperty]
    public string? ReturnUrl { get; set; }

    /// <summary>Weekly, Daily, Off, or Default (the organizers' setting).</summary>
    [BindProperty]
    public string? Digest { get; set; }

    public List<string> Followed { get; private set; } = [];
    public IReadOnlyList<string> Tools { get; private set; } = [];
    public DigestFrequency? Chosen { get; private set; }
    public DigestFrequency OrganizerDefault => options.Value.DefaultDigest;
    public DigestFrequency Effective => Chosen ?? OrganizerDefault;
    public string? FeedToken { get; private set; }
    public Uri? ArchiveFeedUrl => FeedToken is { } token ? FollowingLinks.Feed(calendar, token) : null;
    public FollowingOptions Options => options.Value;

    public Uri? TagFeedUrl(string tag) => FeedToken is { } token ? FollowingLinks.Feed(calendar, token, tag) : null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostFollowAsync()
    {
        var userId = UserId;
        var tag = (Tag ?? "").Trim().ToLowerInvariant();
        string? problem = null;
        if (tag.Length == 0)
        {
            problem = "Name a tool to follow.";
        }
        else if (ShareBack.TagProblem([tag]) is { } tagProblem)
        {
            problem = tagProblem;
        }
        else if (!(await tagCatalog.TagsAsync(db)).Contains(tag, StringComparer.Ordinal))
        {
            problem = $"No share-back names the tool “{tag}”: pick one from the list.";
        }
        else if (!await db.FollowedTags.AnyAsync(f => f.UserId == userId && f.Tag == tag)
            && await db.FollowedTags.CountAsync(f => f.UserId == userId) >= FollowedTag.MaxPerPerson)
        {
            problem = $"You can follow at most {FollowedTag.MaxPerPerson} tools; unfollow one first.";
        }
        if (problem is not null)
        {
            ModelState.AddModelError(ErrorKey, problem);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (!await db.FollowedTags.AnyAsync(f => f.UserId == userId && f.Tag == tag))
        {
            db.FollowedTags.Add(new FollowedTag { UserId = userId, Tag = tag, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // The same follow from another tab a moment earlier: already done.
            }
        }
        var frequency = await EffectiveAsync(userId);
        TempData["Message"] = frequency == DigestFrequency.Off
            ? $"You follow {tag}. Your digest is off: turn it on on your following page, or read the tool's feed."
            : $"You follow {tag}: new share-backs and outcome changes come in your {Label(frequency)} digest.";
        return Back();
    }

    public async Task<IActionResult> OnPostUnfollowAsync()
    {
        var userId = UserId;
        var tag = (Tag ?? "").Trim().ToLowerInvariant();
        var removed = await db.FollowedTags.Where(f => f.UserId == userId && f.Tag == tag).ExecuteDeleteAsync();
        TempData["Message"] = removed > 0 ? $"You no longer follow {tag}." : $"You were not following “{tag}”.";
        return Back();
    }

    public async Task<IActionResult> OnPostDigestAsync()
    {
        DigestFrequency? chosen;
        switch (Digest?.Trim())
        {
            case "Default":
                chosen = null;
                break;
            case { } text when !text.Any(char.IsDigit) && Enum.TryParse<DigestFrequency>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed):
                chosen = parsed;
                break;
            default:
                ModelState.AddModelError(nameof(Digest), "Choose weekly, daily, off or the organizers' default.");
                await LoadAsync();
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
        }
        await DigestSettings.SetAsync(db, UserId, chosen);
        TempData["Message"] = chosen == DigestFrequency.Off
            ? "The digest is off: no more emails about the tools you follow."
            : $"You get the digest {Label(chosen ?? OrganizerDefault)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateFeedAsync()
    {
        var follower = await DigestSettings.FollowerAsync(db, UserId);
        follower.FeedToken = NewToken();
        await db.SaveChangesAsync();
        TempData["Message"] = "Your feed links are ready. Add one to your feed reader.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync()
    {
        var follower = await DigestSettings.FollowerAsync(db, UserId);
        follower.FeedToken = null;
        await db.SaveChangesAsync();
        TempData["Message"] = "Your feed links are turned off. Feed readers using them stop updating.";
        return RedirectToPage();
    }

    private string UserId => users.GetUserId(User) ?? throw new InvalidOperationException("A signed-in user has no id.");

    private async Task LoadAsync()
    {
        var userId = UserId;
        Followed = await db.FollowedTags.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Tag).Select(f => f.Tag).ToListAsync();
        Tools = await tagCatalog.TagsAsync(db);
        var follower = await db.Followers.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId);
        Chosen = follower?.Digest;
        FeedToken = follower?.FeedToken;
    }

    private async Task<DigestFrequency> EffectiveAsync(string userId) =>
        await db.Followers.Where(f => f.UserId == userId).Select(f => f.Digest).FirstOrDefaultAsync() ?? OrganizerDefault;

    /// <summary>Back where the button was: a path on this site, escaped as a browser sends it (nothing that could break the Location header).</summary>
    private IActionResult Back() =>
        ReturnUrl is { Length: > 0 and <= 2000 } back && Url.IsLocalUrl(back) && Uri.IsWellFormedUriString(back, UriKind.Relative)
            ? LocalRedirect(back)
            : RedirectToPage();

    public static string Label(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => "daily",
        DigestFrequency.Weekly => "weekly",
        _ => "(off)",
    };

    /// <summary>32 random bytes, URL-safe: the feed's only protection, so it must not be guessable.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
