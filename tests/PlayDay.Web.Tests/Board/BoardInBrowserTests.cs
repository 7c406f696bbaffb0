using System.Globalization;
using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>What people see: the projector and phones, in real Chromium, against the app on a real socket.</summary>
public sealed class BoardInBrowserTests : InBrowser
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    private static int Seconds(string shown)
    {
        var parts = shown.Trim().Split(':');
        return int.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_projector_and_a_phone_follow_the_session_live_and_a_phone_catches_up_after_losing_its_connection()
    {
        var scene = await BoardScene.CreateAsync(App);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        var boardUrl = new Uri(App.BaseAddress, scene.BoardUrl).AbsoluteUri;

        // The organizer runs the session from the board and shows the projector view.
        var control = await Chromium.SignedInPageAsync(App, "olu@example.test");
        await control.GotoAsync(boardUrl);
        // Each screen counts as open once the server has answered its JoinBoard.
        var projector = (await BoardTab.OpenAsync(await control.Context.NewPageAsync(), boardUrl + "/projector")).Page;
        var phoneTab = await BoardTab.OpenAsync(await Chromium.SignedInPageAsync(App, "tess@example.test", Phone), boardUrl);
        var phone = phoneTab.Page;
        await Assertions.Expect(phone.Locator("#compose-title")).ToBeVisibleAsync();

        await control.GetByRole(AriaRole.Button, new() { Name = "Start the share-backs" }).ClickAsync();
        await control.GetByRole(AriaRole.Button, new() { Name = "Next presenter: Prompt Pirates" }).ClickAsync();

        // Both screens count down to the same server-owned end.
        await Assertions.Expect(projector.Locator(".projector-presenter")).ToHaveTextAsync("Prompt Pirates");
        await Assertions.Expect(phone.Locator("[data-presenter]")).ToContainTextAsync("Prompt Pirates");
        var onProjector = Seconds(await projector.Locator("[data-timer-value]").InnerTextAsync());
        var onPhone = Seconds(await phone.Locator("[data-timer-value]").InnerTextAsync());
        Assert.InRange(onProjector, 290, 300);
        Assert.InRange(Math.Abs(onProjector - onPhone), 0, 1);

        // The team posts from the phone; the projector shows it within a second.
        await phone.Locator("#compose-title").FillAsync("Ticket summaries in 30 seconds");
        await phone.Locator("#compose-tags").FillAsync("chatgpt, zendesk");
        await phone.RunAndWaitForResponseAsync(
            () => phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync(),
            r => r.Url.EndsWith("/board/sharebacks", StringComparison.Ordinal) && r.Request.Method == "POST");
        await Assertions.Expect(projector.Locator(".projector-sharebacks")).ToContainTextAsync("Ticket summaries in 30 seconds", new() { Timeout = 1000 });
        await Assertions.Expect(phone.Locator("#compose-heading")).ToHaveTextAsync("Edit Prompt Pirates's share-back");

        // A third person reacts; the count shows on the projector and on the phone.
        var rey = await Chromium.SignedInPageAsync(App, "rey@example.test");
        await rey.GotoAsync(boardUrl);
        await rey.GetByRole(AriaRole.Button, new() { Name = "I'd use this" }).ClickAsync();
        await Assertions.Expect(rey.GetByRole(AriaRole.Button, new() { Name = "I'd use this" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(projector.Locator("[data-reaction-count='WouldUse']")).ToHaveTextAsync("1", new() { Timeout = 2000 });
        await Assertions.Expect(phone.Locator("[data-reaction-count='WouldUse']")).ToHaveTextAsync("1", new() { Timeout = 2000 });

        // The phone loses its connection; another team posts meanwhile; when it is back, it shows the post.
        await phone.Context.SetOfflineAsync(true);
        await phoneTab.DropConnectionAsync();
        await Assertions.Expect(phone.Locator("[data-connection]")).ToContainTextAsync("Reconnecting");
        var response = await scene.PostShareBackAsync(scene.Bystander, title: "Posted while the phone was offline");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        await Assertions.Expect(projector.Locator(".projector-sharebacks")).ToContainTextAsync("Posted while the phone was offline");
        await Assertions.Expect(phone.Locator(".shareback-list")).Not.ToContainTextAsync("Posted while the phone was offline");
        await phone.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.Locator(".shareback-list")).ToContainTextAsync("Posted while the phone was offline", new() { Timeout = 20_000 });
        await Assertions.Expect(phone.Locator("[data-connection]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_rejected_post_shows_why_and_keeps_what_was_typed()
    {
        var scene = await BoardScene.CreateAsync(App);
        var phone = await Chromium.SignedInPageAsync(App, "tess@example.test", Phone);
        await phone.GotoAsync(new Uri(App.BaseAddress, scene.BoardUrl).AbsoluteUri);

        await phone.Locator("#compose-title").FillAsync("Too many tools");
        await phone.Locator("#compose-tags").FillAsync("a, b, c, d, e, f, g, h, i");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();

        await Assertions.Expect(phone.Locator("form.compose [data-form-error]")).ToHaveTextAsync("Name at most 8 tools; there are 9.");
        await Assertions.Expect(phone.Locator("#compose-title")).ToHaveValueAsync("Too many tools");
        await Assertions.Expect(phone.Locator("#compose-tags")).ToHaveValueAsync("a, b, c, d, e, f, g, h, i");
    }
}
