using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>What people see: the projector and phones, in real Chromium, against the app on a real socket. Each test has a play day of its own.</summary>
public sealed class BoardInBrowserTests(BoardInBrowserFixture browsers) : IClassFixture<BoardInBrowserFixture>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private BoardScene _scene = null!;

    public async Task InitializeAsync() => _scene = await browsers.Scene.WithNewPlayDayAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    private string BoardUrl => new Uri(browsers.App.BaseAddress, _scene.BoardUrl).AbsoluteUri;

    private async Task<IPage> PageAsync(Browser person, bool phone = false)
    {
        var page = await browsers.PageAsync(person, phone);
        _contexts.Add(page.Context);
        return page;
    }

    private async Task<BoardTab> BoardAsync(Browser person, bool phone = false, string view = "") =>
        await BoardTab.OpenAsync(await PageAsync(person, phone), BoardUrl + view);

    private static int Seconds(string shown)
    {
        var parts = shown.Trim().Split(':');
        return int.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_projector_and_a_phone_count_down_to_the_same_server_owned_end()
    {
        var control = await PageAsync(_scene.Organizer);
        await control.GotoAsync(BoardUrl);
        var projector = (await BoardAsync(_scene.Organizer, view: "/projector")).Page;
        var phone = (await BoardAsync(_scene.TeamMember, phone: true)).Page;

        await control.GetByRole(AriaRole.Button, new() { Name = "Start the share-backs" }).ClickAsync();
        await control.GetByRole(AriaRole.Button, new() { Name = "Next presenter: Prompt Pirates" }).ClickAsync();

        await Assertions.Expect(projector.Locator(".projector-presenter")).ToHaveTextAsync("Prompt Pirates");
        await Assertions.Expect(phone.Locator("[data-presenter]")).ToContainTextAsync("Prompt Pirates");
        var onProjector = Seconds(await projector.Locator("[data-timer-value]").InnerTextAsync());
        var onPhone = Seconds(await phone.Locator("[data-timer-value]").InnerTextAsync());
        Assert.InRange(onProjector, 290, 300);
        Assert.InRange(Math.Abs(onProjector - onPhone), 0, 1);
    }

    [Fact]
    public async Task A_post_from_a_phone_appears_on_the_projector()
    {
        var projector = (await BoardAsync(_scene.Organizer, view: "/projector")).Page;
        var phone = (await BoardAsync(_scene.TeamMember, phone: true)).Page;

        await phone.Locator("#compose-title").FillAsync("Ticket summaries in 30 seconds");
        await phone.Locator("#compose-tags").FillAsync("chatgpt, zendesk");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();

        await Assertions.Expect(projector.Locator(".projector-sharebacks")).ToContainTextAsync("Ticket summaries in 30 seconds");
    }

    [Fact]
    public async Task After_posting_the_phone_offers_to_edit_its_teams_share_back()
    {
        var phone = (await BoardAsync(_scene.TeamMember, phone: true)).Page;

        await phone.Locator("#compose-title").FillAsync("Ticket summaries in 30 seconds");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();

        await Assertions.Expect(phone.Locator("#compose-heading")).ToHaveTextAsync("Edit Prompt Pirates's share-back");
        await Assertions.Expect(phone.Locator("#compose-title")).ToHaveValueAsync("Ticket summaries in 30 seconds");
    }

    [Fact]
    public async Task A_reaction_shows_its_count_on_the_projector_and_the_phones()
    {
        Assert.Equal(HttpStatusCode.Created, (await _scene.PostShareBackAsync(_scene.TeamMember)).StatusCode);
        var projector = (await BoardAsync(_scene.Organizer, view: "/projector")).Page;
        var phone = (await BoardAsync(_scene.TeamMember, phone: true)).Page;
        var rey = await PageAsync(_scene.Bystander);
        await rey.GotoAsync(BoardUrl);

        await rey.GetByRole(AriaRole.Button, new() { Name = "I'd use this" }).ClickAsync();

        await Assertions.Expect(rey.GetByRole(AriaRole.Button, new() { Name = "I'd use this" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(projector.Locator("[data-reaction-count='WouldUse']")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.Locator("[data-reaction-count='WouldUse']")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_phone_that_lost_its_connection_shows_what_was_posted_meanwhile_once_it_is_back()
    {
        await BoardScene.CreateTeamAsync(_scene.Bystander, _scene.PlayDayId, "Rey's Rebels");
        var projector = (await BoardAsync(_scene.Organizer, view: "/projector")).Page;
        var phoneTab = await BoardAsync(_scene.TeamMember, phone: true);
        var phone = phoneTab.Page;

        await phone.Context.SetOfflineAsync(true);
        await phoneTab.DropConnectionAsync();
        await Assertions.Expect(phone.Locator("[data-connection]")).ToContainTextAsync("Reconnecting");
        Assert.Equal(HttpStatusCode.Created, (await _scene.PostShareBackAsync(_scene.Bystander, title: "Posted while the phone was offline")).StatusCode);
        // Once the projector shows the post, it has been broadcast: the phone missed it.
        await Assertions.Expect(projector.Locator(".projector-sharebacks")).ToContainTextAsync("Posted while the phone was offline");
        await Assertions.Expect(phone.Locator(".shareback-list")).Not.ToContainTextAsync("Posted while the phone was offline");
        await phone.Context.SetOfflineAsync(false);

        // The page retries on a back-off of up to 10 s while offline.
        await Assertions.Expect(phone.Locator(".shareback-list")).ToContainTextAsync("Posted while the phone was offline", new() { Timeout = 20_000 });
        await Assertions.Expect(phone.Locator("[data-connection]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_rejected_post_shows_why_and_keeps_what_was_typed()
    {
        var phone = await PageAsync(_scene.TeamMember, phone: true);
        await phone.GotoAsync(BoardUrl);

        await phone.Locator("#compose-title").FillAsync("Too many tools");
        await phone.Locator("#compose-tags").FillAsync("a, b, c, d, e, f, g, h, i");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();

        await Assertions.Expect(phone.Locator("form.compose [data-form-error]")).ToHaveTextAsync("Name at most 8 tools; there are 9.");
        await Assertions.Expect(phone.Locator("#compose-title")).ToHaveValueAsync("Too many tools");
        await Assertions.Expect(phone.Locator("#compose-tags")).ToHaveValueAsync("a, b, c, d, e, f, g, h, i");
    }
}

/// <summary>
/// One app and one Chromium for the board's browser tests, with the scene's people (Olu, Tess, Rey);
/// a test opens pages in fresh contexts that carry a person's sign-in cookies.
/// </summary>
public sealed class BoardInBrowserFixture : IAsyncLifetime
{
    private Chromium _chromium = null!;

    public PlayDayApp App { get; } = PlayDayApp.WithRealServer();

    public BoardScene Scene { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _chromium = await Chromium.LaunchAsync();
        Scene = await BoardScene.CreateAsync(App);
    }

    /// <summary>A page in a new context signed in as <paramref name="person"/> (their cookies); on a phone's screen when <paramref name="phone"/>.</summary>
    public async Task<IPage> PageAsync(Browser person, bool phone = false)
    {
        var options = new BrowserNewContextOptions();
        if (phone)
        {
            options.ViewportSize = new() { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
        }
        var context = await _chromium.Browser.NewContextAsync(options);
        await context.AddCookiesAsync(person.Cookies!.GetCookies(App.BaseAddress)
            .Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = App.BaseAddress.AbsoluteUri }));
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        App.Dispose();
    }
}
