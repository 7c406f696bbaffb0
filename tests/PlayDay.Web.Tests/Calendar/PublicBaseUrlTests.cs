using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Calendar;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>Calendar:PublicBaseUrl, and the links made without it: from the address the site was reached at.</summary>
public sealed class PublicBaseUrlTests
{
    private static readonly Dictionary<string, string> NotConfigured = new() { ["Calendar:PublicBaseUrl"] = "" };

    [Fact]
    public async Task Without_a_configured_address_every_link_uses_the_address_and_port_the_site_was_reached_at()
    {
        using var app = PlayDayApp.WithRealServer(settings: NotConfigured);
        var site = app.BaseAddress.AbsoluteUri.TrimEnd('/'); // http://127.0.0.1:<a free port>
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);

        await organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        var me = await organizer.GetPageAsync("/me");
        await Browser.RegisteredAsync(app, "Tess Teammate");
        var download = await organizer.Client.GetStringAsync($"/playdays/{id}/invite.ics");

        var feedUrl = me.One("#feed-url").GetAttribute("value")!;
        Assert.StartsWith($"{site}/calendar/", feedUrl, StringComparison.Ordinal);
        Assert.Equal("webcal://" + app.BaseAddress.Authority + new Uri(feedUrl).PathAndQuery,
            me.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Subscribe", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.Contains($"URL:{site}/playdays/{id}\r\n", download, StringComparison.Ordinal);
        Assert.StartsWith($"{site}/account/confirm?", (await Browser.MailedLinkAsync(app, "tess@example.test", "/account/confirm")).AbsoluteUri, StringComparison.Ordinal);
        using var calendarApp = new HttpClient();
        using var feed = await calendarApp.GetAsync(feedUrl);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var unfolded = (await feed.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"SOURCE;VALUE=URI:{feedUrl}\r\n", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_address_a_request_by_another_name_gets_links_with_that_name()
    {
        using var app = new PlayDayApp(settings: NotConfigured);
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        organizer.Client.DefaultRequestHeaders.Host = "playday.lan:8080";

        await organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");

        Assert.StartsWith("http://playday.lan:8080/calendar/", (await organizer.GetPageAsync("/me")).One("#feed-url").GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_address_is_used_whatever_address_the_request_came_to()
    {
        using var app = new PlayDayApp();
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        organizer.Client.DefaultRequestHeaders.Host = "evil.example:8080";

        await organizer.SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");

        Assert.StartsWith($"{PlayDayApp.PublicBaseUrl}/calendar/", (await organizer.GetPageAsync("/me")).One("#feed-url").GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_outside_a_request_links_to_the_servers_own_address()
    {
        using var app = PlayDayApp.WithRealServer(settings: NotConfigured);
        await Browser.RegisteredAsync(app, "Olu Organizer"); // the server is up

        var calendar = app.Services.GetRequiredService<PlayDayCalendar>();

        Assert.Equal(new Uri(app.BaseAddress, "/playdays/7"), calendar.PageUrl(7));
    }

    [Theory]
    [InlineData("Production", "", "Calendar:PublicBaseUrl is not set. Outside Development it must be")]
    [InlineData("Development", "ftp://playday.example.test", "Calendar:PublicBaseUrl “ftp://playday.example.test” is not an http or https address")]
    [InlineData("Development", "https://playday.example.test/?x=1", "is not an http or https address without query")]
    public void A_missing_address_outside_Development_or_one_that_is_not_an_address_stops_the_start(string environment, string value, string message)
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["environment"] = environment, ["Calendar:PublicBaseUrl"] = value });

        var start = Record.Exception(() => app.CreateClient());

        Assert.NotNull(start);
        Assert.Contains(message, start.ToString(), StringComparison.Ordinal);
    }
}
