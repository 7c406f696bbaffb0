using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.MyPage;

/// <summary>The signed-in user's own page: their personal calendar feed link, which they can reset or turn off.</summary>
public sealed class IndexModel(UserManager<AppUser> users, PlayDayCalendar calendar) : PageModel
{
    public AppUser Me { get; private set; } = null!;

    public Uri? FeedUrl { get; private set; }

    /// <summary>The same feed as webcal://, which calendar apps open as a subscription.</summary>
    public string? WebcalUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateFeedAsync()
    {
        await LoadAsync();
        Me.CalendarFeedToken = NewToken();
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your calendar link is ready. Add it to your calendar app as a subscription.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync()
    {
        await LoadAsync();
        Me.CalendarFeedToken = null;
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your calendar link is turned off. Calendars using it stop updating.";
        return RedirectToPage();
    }

    /// <summary>Shown once, right after it is made; only its hash is stored.</summary>
    [TempData]
    public string? NewApiToken { get; set; }

    public async Task<IActionResult> OnPostCreateApiTokenAsync()
    {
        await LoadAsync();
        var token = NewToken();
        Me.ApiTokenHash = Accounts.ApiTokenAuthentication.Hash(token);
        await users.UpdateAsync(Me);
        NewApiToken = token;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeApiTokenAsync()
    {
        await LoadAsync();
        Me.ApiTokenHash = null;
        await users.UpdateAsync(Me);
        TempData["Message"] = "Your API token is revoked.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in user has no account.");
        if (Me.CalendarFeedToken is { } token)
        {
            FeedUrl = calendar.FeedUrl(token);
            WebcalUrl = "webcal://" + FeedUrl.Authority + FeedUrl.PathAndQuery;
        }
    }

    /// <summary>32 random bytes, URL-safe: the feed's only protection, so it must not be guessable.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
