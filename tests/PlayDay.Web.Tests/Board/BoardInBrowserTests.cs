using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>What people see: a poster and a viewer, the projector, phones and the organizer, in real Chromium against the app on a real socket.</summary>
[Trait("Browser", "Chromium")]
public sealed class BoardInBrowserTests : InBrowser
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1920, Height = 1080 } };

    private static int Seconds(string shown)
    {
        var parts = shown.Trim().TrimStart('+').Split(':');
        return int.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Where screenshots go, for a person to look at after a run (bin/.../screens/).</summary>
    private static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screens", name + ".png");

    /// <summary>Fails the test if the page ever opens a browser dialog (refusals are shown inline).</summary>
    private static void NoDialogs(IPage page) => page.Dialog += (_, dialog) => Assert.Fail($"A browser dialog opened: {dialog.Message}");

    private string Url(BoardScene scene, string path = "") => new Uri(App.BaseAddress, scene.BoardUrl + path).AbsoluteUri;

    [Fact]
    public async Task Two_people_see_events_in_order_with_their_own_reactions_and_edit_rights_through_a_gap_and_a_reconnect()
    {
        var scene = await BoardScene.CreateAsync(App);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        // Each screen counts as open once the server has answered its JoinBoard.
        var poster = (await BoardTab.OpenAsync(await Chromium.SignedInPageAsync(App, "tess@example.test", Phone), Url(scene))).Page;
        var viewerPage = await Chromium.SignedInPageAsync(App, "rey@example.test", Desktop);
        NoDialogs(viewerPage);
        var viewerTab = await BoardTab.OpenAsync(viewerPage, Url(scene));
        var viewer = viewerTab.Page;

        // The poster posts; the viewer sees the card; only the poster may edit it.
        await poster.Locator("#compose-title").FillAsync("Ticket summaries in 30 seconds");
        await poster.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();
        var viewerCard = viewer.Locator(".shareback-list .shareback").First;
        await Assertions.Expect(viewerCard.Locator(".shareback-title")).ToHaveTextAsync("Ticket summaries in 30 seconds");
        await Assertions.Expect(poster.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToBeAttachedAsync();
        await Assertions.Expect(viewer.Locator("#compose-heading")).ToHaveTextAsync("Post Rey's Rebels's share-back");

        // The viewer reacts: the count reaches both, but only the viewer's button is pressed.
        await viewerCard.GetByRole(AriaRole.Button, new() { Name = "I'd use this" }).ClickAsync();
        await Assertions.Expect(viewerCard.GetByRole(AriaRole.Button, new() { Name = "I'd use this" })).ToHaveAttributeAsync("aria-pressed", "true");
        var posterCard = poster.Locator(".shareback-list .shareback").First;
        await Assertions.Expect(posterCard.Locator("[data-count='WouldUse']")).ToHaveTextAsync("1");
        await Assertions.Expect(posterCard.GetByRole(AriaRole.Button, new() { Name = "I'd use this" })).ToHaveAttributeAsync("aria-pressed", "false");

        // A gap: the edit never arrives at the viewer; the next event shows one is missing, and the board catches up.
        viewerTab.DropNext(nameof(PlayDay.Web.Board.IBoardClient.ShareBackEdited));
        await poster.Locator("#compose-title").FillAsync("Ticket summaries in 20 seconds");
        await poster.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(posterCard.Locator(".shareback-title")).ToHaveTextAsync("Ticket summaries in 20 seconds");
        await Assertions.Expect(viewerCard.Locator(".shareback-title")).ToHaveTextAsync("Ticket summaries in 30 seconds");
        await scene.ControlAsync(scene.Organizer, "start");
        await Assertions.Expect(viewer.Locator("[data-presenter]")).ToHaveTextAsync("Prompt Pirates");
        await Assertions.Expect(viewerCard.Locator(".shareback-title")).ToHaveTextAsync("Ticket summaries in 20 seconds", new() { Timeout = 5000 });

        // A reconnect: the viewer is offline while another team posts, and shows the post once back.
        await viewer.Context.SetOfflineAsync(true);
        await viewerTab.DropConnectionAsync();
        await Assertions.Expect(viewer.Locator("[data-connection]")).ToContainTextAsync("Reconnecting");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await scene.PostShareBackAsync(scene.Bystander, title: "Posted while the viewer was offline")).StatusCode);
        await viewer.Context.SetOfflineAsync(false);
        await Assertions.Expect(viewer.Locator(".shareback-list")).ToContainTextAsync("Posted while the viewer was offline", new() { Timeout = 30_000 });
        await Assertions.Expect(viewer.Locator("[data-connection]")).ToBeHiddenAsync();
        // The poster's reactions state is still the poster's own after all of it.
        await Assertions.Expect(poster.Locator(".shareback-list").GetByRole(AriaRole.Button, new() { Name = "I'd use this", Pressed = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_projector_shows_the_presenting_team_its_write_up_next_up_live_reactions_a_question_pause_and_overtime()
    {
        var scene = await BoardScene.CreateAsync(App);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        var organizer = await Chromium.SignedInPageAsync(App, "olu@example.test", Desktop);
        NoDialogs(organizer);
        var projector = await organizer.Context.NewPageAsync();
        await BoardTab.OpenAsync(organizer, Url(scene));
        await BoardTab.OpenAsync(projector, Url(scene, "/projector"));
        var audience = (await BoardTab.OpenAsync(await Chromium.SignedInPageAsync(App, "rey@example.test", Phone), Url(scene))).Page;

        // Starting the share-backs calls the first team.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Start the share-backs: call Prompt Pirates" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".projector-presenter")).ToHaveTextAsync("Prompt Pirates");
        await Assertions.Expect(projector.Locator("[data-next-up]")).ToContainTextAsync("Rey's Rebels");
        Assert.InRange(Seconds(await projector.Locator("[data-timer-value]").InnerTextAsync()), 290, 300);
        await Assertions.Expect(projector.Locator("[data-card-empty]")).ToContainTextAsync("Prompt Pirates has not posted its write-up yet.");

        // The audience reacts before the write-up exists; the count lands on the projector.
        await audience.Locator("[data-presenting]").GetByRole(AriaRole.Button, new() { Name = "I'll try this week" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".projector-reactions [data-count='TryThisWeek']")).ToHaveTextAsync("1");

        // The write-up appears on the projector as soon as it is posted.
        await scene.PostShareBackAsync(scene.TeamMember, title: "Ticket summaries in 30 seconds", body: "## What we tried\n\nSummaries.");
        await Assertions.Expect(projector.Locator("[data-card] .shareback-title")).ToHaveTextAsync("Ticket summaries in 30 seconds");
        await Assertions.Expect(projector.Locator("[data-card] .markdown h2")).ToHaveTextAsync("What we tried");

        // A question from the audience, put on the projector by the organizer.
        await audience.Locator("#ask-text").FillAsync("Does it work for tickets in German?");
        await audience.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Show on the projector" }).ClickAsync();
        await Assertions.Expect(projector.Locator("[data-shown-question]")).ToContainTextAsync("Does it work for tickets in German?");
        await Assertions.Expect(projector.Locator("[data-shown-question]")).ToContainTextAsync("Rey Reactor");

        // Paused is unmistakable; time running out shows as a large overtime count.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Pause timer" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".paused-banner")).ToBeVisibleAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Resume timer" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".paused-banner")).ToBeHiddenAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Pause timer" }).ClickAsync();
        await Assertions.Expect(projector.Locator("[data-timer-value]")).ToHaveTextAsync("+1:00");
        await Assertions.Expect(projector.Locator("[data-timer-label]")).ToHaveTextAsync("Over time");
        await projector.ScreenshotAsync(new() { Path = Screenshot("projector") });

        // Calling the last team, then ending its slot, reaches the end state.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Next presenter: Rey's Rebels" }).ClickAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "End this slot" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".projector-presenter")).ToHaveTextAsync("That's everyone!");
        await Assertions.Expect(organizer.Locator("[data-finished]")).ToBeVisibleAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Button, new() { Name = "Next presenter" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task A_phone_in_the_audience_leads_with_the_presenter_has_no_compose_form_and_scrolls_wide_tables()
    {
        var scene = await BoardScene.CreateAsync(App);
        var wide = "| tool | before | after | people | notes |\n|---|---|---|---|---|\n| " + string.Join(" | ", Enumerable.Repeat("averyveryverylongwordwithoutanyspaces", 5)) + " |";
        await scene.PostShareBackAsync(scene.TeamMember, title: "Wide", body: wide);
        await scene.ControlAsync(scene.Organizer, "start");
        var phone = await Chromium.SignedInPageAsync(App, "rey@example.test", Phone);
        NoDialogs(phone);
        await BoardTab.OpenAsync(phone, Url(scene));

        var presenter = await phone.Locator("[data-presenter]").BoundingBoxAsync();
        var shareBacks = await phone.Locator("#sharebacks-heading").BoundingBoxAsync();
        Assert.True(presenter!.Y < shareBacks!.Y, "the presenter comes before the share-backs");
        await Assertions.Expect(phone.Locator("#compose-title")).ToHaveCountAsync(0);
        var table = await phone.EvaluateAsync<string>("() => { const t = document.querySelector('.shareback .markdown table'); return `${t.scrollWidth} ${t.clientWidth} ${getComputedStyle(t).overflowX}`; }");
        var sizes = table.Split(' ');
        Assert.True(int.Parse(sizes[0], CultureInfo.InvariantCulture) > int.Parse(sizes[1], CultureInfo.InvariantCulture) && sizes[2] == "auto", $"a wide table scrolls inside its card ({table})");
        var pageWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page itself does not scroll sideways ({pageWidth} px)");
        await phone.ScreenshotAsync(new() { Path = Screenshot("phone"), FullPage = true });
    }

    [Fact]
    public async Task An_organizer_reorders_only_waiting_teams_sees_refusals_inline_and_keeps_focus_while_reacting_in_their_own_time_zone()
    {
        var scene = await BoardScene.CreateAsync(App);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        await scene.PostShareBackAsync(scene.TeamMember);
        var organizer = await Chromium.SignedInPageAsync(App, "olu@example.test", new() { ViewportSize = new() { Width = 1920, Height = 1080 }, TimezoneId = "America/New_York" });
        NoDialogs(organizer);
        await BoardTab.OpenAsync(organizer, Url(scene));

        // Each waiting team shows its estimated slot, in the viewer's zone (New York here).
        var slots = await App.WithDbAsync(async db => (await db.PlayDays.SingleAsync(p => p.Id == scene.PlayDayId)).EndsAtUtc);
        var firstSlot = TimeZoneInfo.ConvertTimeFromUtc(slots.AddMinutes(-10), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await Assertions.Expect(organizer.Locator(".queue-item").First.Locator("time")).ToContainTextAsync(firstSlot.ToString("hh:mm", CultureInfo.InvariantCulture));

        // The first waiting team cannot move up: the button looks and is disabled.
        await Assertions.Expect(organizer.GetByRole(AriaRole.Button, new() { Name = "Move Prompt Pirates up" })).ToBeDisabledAsync();

        // Once a team has presented, its reorder controls are gone.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Start the share-backs: call Prompt Pirates" }).ClickAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Next presenter: Rey's Rebels" }).ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Button, new() { Name = "Move Prompt Pirates up" })).ToBeHiddenAsync();

        // A refusal appears beside the controls, never as a pop-up: the slot cannot end twice.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "End this slot" }).ClickAsync();
        await Assertions.Expect(organizer.Locator("[data-control='Pause']")).ToBeHiddenAsync();
        // A stale control (as on a second organizer's screen a moment behind) is refused by the server.
        await organizer.EvaluateAsync("() => document.querySelector('[data-control=\"Pause\"]').hidden = false");
        await organizer.Locator("[data-control='Pause']").ClickAsync();
        await Assertions.Expect(organizer.Locator("[data-session] > [data-form-error]")).ToHaveTextAsync("Nobody is presenting right now.");

        // Reacting by keyboard keeps the focus on the button.
        var button = organizer.Locator(".shareback-list").GetByRole(AriaRole.Button, new() { Name = "Great failure" });
        await button.FocusAsync();
        await organizer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await button.EvaluateAsync<bool>("b => document.activeElement === b"), "the reaction button keeps the focus");
        await organizer.ScreenshotAsync(new() { Path = Screenshot("organizer"), FullPage = true });
    }

    [Fact]
    public async Task A_rejected_post_shows_why_and_keeps_what_was_typed()
    {
        var scene = await BoardScene.CreateAsync(App);
        var phone = await Chromium.SignedInPageAsync(App, "tess@example.test", Phone);
        NoDialogs(phone);
        await phone.GotoAsync(Url(scene));

        await phone.Locator("#compose-title").FillAsync("Too many tools");
        await phone.Locator("#compose-tags").FillAsync("a, b, c, d, e, f, g, h, i");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Post share-back" }).ClickAsync();

        await Assertions.Expect(phone.Locator("form.compose-form [data-form-error]")).ToHaveTextAsync("Name at most 8 tools; there are 9.");
        await Assertions.Expect(phone.Locator("#compose-title")).ToHaveValueAsync("Too many tools");
        await Assertions.Expect(phone.Locator("#compose-tags")).ToHaveValueAsync("a, b, c, d, e, f, g, h, i");
    }
}
