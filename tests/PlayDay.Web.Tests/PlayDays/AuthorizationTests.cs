using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.PlayDays;

public sealed class AuthorizationTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(Browser Organizer, Browser Participant, int PlayDayId)> ArrangeAsync()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var participant = await Browser.RegisteredAsync(_app, "Pat Participant");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        return (organizer, participant, id);
    }

    /// <summary>A participant's own valid token, taken from a page they may see.</summary>
    private static async Task<string> TokenAsync(Browser browser)
    {
        var page = await browser.GetPageAsync("/");
        return page.One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
    }

    [Theory]
    [InlineData("/playdays/new")]
    [InlineData("/playdays/{id}/edit")]
    [InlineData("/playdays/{id}/cancel")]
    [InlineData("/people")]
    public async Task A_participant_gets_403_on_organizer_pages(string path)
    {
        var (_, participant, id) = await ArrangeAsync();

        var (status, page) = await participant.GetAsync(path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You can't do that", page.One("h1").TextContent.Trim());
    }

    [Fact]
    public async Task A_participant_posting_to_organizer_pages_gets_403_and_nothing_changes()
    {
        var (_, participant, id) = await ArrangeAsync();
        var token = await TokenAsync(participant);
        var fields = PlayDayForms.Fields(title: "Hijacked");
        fields["__RequestVerificationToken"] = token;
        fields["Input.Reason"] = "because";

        var create = await participant.PostWithoutTokenAsync("/playdays/new", fields);
        var edit = await participant.PostWithoutTokenAsync($"/playdays/{id}/edit", fields);
        var cancel = await participant.PostWithoutTokenAsync($"/playdays/{id}/cancel", fields);
        var participantId = await _app.WithDbAsync(db => db.Users.Where(u => u.DisplayName == "Pat Participant").Select(u => u.Id).SingleAsync());
        var promote = await participant.PostWithoutTokenAsync($"/people?handler=Promote&id={participantId}", new() { ["__RequestVerificationToken"] = token });

        Assert.All([create, edit, cancel, promote], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var playDays = await _app.WithDbAsync(db => db.PlayDays.ToListAsync());
        var only = Assert.Single(playDays);
        Assert.Equal("AI Play Day 2026 Q4", only.Title);
        Assert.False(only.IsCancelled);
        Assert.Equal(1, await _app.WithDbAsync(db => db.UserRoles.CountAsync()));
    }

    [Fact]
    public async Task A_participant_sees_play_days_but_no_organizer_buttons()
    {
        var (_, participant, id) = await ArrangeAsync();

        var page = await participant.GetPageAsync($"/playdays/{id}");

        Assert.Equal("AI Play Day 2026 Q4", page.One("h1").TextContent.Trim());
        Assert.Null(page.QuerySelector($"a[href='/playdays/{id}/edit']"));
        Assert.Null(page.QuerySelector($"a[href='/playdays/{id}/cancel']"));
        Assert.Null(page.QuerySelector("a[href='/people']"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/playdays/1")]
    [InlineData("/playdays/new")]
    [InlineData("/people")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var anonymous = new Browser(_app.CreateBrowser());

        using var response = await anonymous.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.LocationPath());
    }

    [Fact]
    public async Task An_anonymous_post_changes_nothing()
    {
        var (_, _, id) = await ArrangeAsync();
        var anonymous = new Browser(_app.CreateBrowser());

        var response = await anonymous.PostWithoutTokenAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "x" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.LocationPath(), StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.PlayDays.AnyAsync(p => p.CancelledAtUtc != null)));
    }

    [Fact]
    public async Task The_health_check_needs_no_sign_in()
    {
        var anonymous = new Browser(_app.CreateBrowser());

        using var response = await anonymous.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
