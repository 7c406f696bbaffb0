using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.Board;

public sealed class BoardTests : IDisposable
{
    private readonly PlayDayApp _app = new(settings: new Dictionary<string, string> { ["Board:ReactionsPerMinute"] = "5" });

    public void Dispose() => _app.Dispose();

    private static long RemainingMs(JsonElement state) => state.GetProperty("session").GetProperty("remainingMs").GetInt64();

    [Fact]
    public async Task The_board_is_rendered_on_the_server_with_the_share_back_template_for_team_members()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await scene.PostShareBackAsync(scene.TeamMember, title: "Rendered first");

        var page = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        using var fresh = new PlayDayApp();
        var memberPage = await (await BoardScene.CreateAsync(fresh)).TeamMember.GetPageAsync($"/playdays/1/board");

        Assert.Equal("Rendered first", page.One(".shareback-title").TextContent.Trim());
        Assert.Equal("/hubs/board", page.One("[data-board]").GetAttribute("data-hub-path"));
        Assert.NotNull(page.QuerySelector("[aria-live='assertive']"));
        Assert.Null(page.QuerySelector("form[data-board-form]")); // Rey is in no team
        var template = await File.ReadAllTextAsync(Path.Combine(PlayDayApp.RepositoryRoot, "templates", "shareback.md"));
        Assert.Equal(template.Trim(), memberPage.One("#compose-body").TextContent.Trim());
        foreach (var section in new[] { "What we tried", "What worked", "What broke or almost worked", "Before → after", "Try it yourself" })
        {
            Assert.Contains("## " + section, template, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_board_painted_from_cached_cards_shows_a_just_posted_card_and_each_persons_own_reactions_and_edit_form()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Second Team");
        var firstId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "First card"));
        await scene.Organizer.GetPageAsync(scene.BoardUrl); // paints, and keeps, the cards as they are now

        var secondId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.Bystander, title: "Just posted"));
        await scene.ReactAsync(scene.Bystander, firstId, "WouldUse");
        var memberPage = await scene.TeamMember.GetPageAsync(scene.BoardUrl);
        var reactorPage = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        var organizerPage = await scene.Organizer.GetPageAsync(scene.BoardUrl);

        Assert.All(new[] { memberPage, reactorPage, organizerPage }, page =>
            Assert.Equal(["Just posted", "First card"], page.QuerySelectorAll(".shareback-title").Select(t => t.TextContent.Trim())));
        Assert.Equal("true", WouldUse(reactorPage, firstId).GetAttribute("aria-pressed"));
        Assert.Equal("false", WouldUse(reactorPage, secondId).GetAttribute("aria-pressed"));
        Assert.Equal("false", WouldUse(memberPage, firstId).GetAttribute("aria-pressed"));
        Assert.Equal("false", WouldUse(organizerPage, firstId).GetAttribute("aria-pressed"));
        Assert.EndsWith($"/sharebacks/{firstId}", memberPage.One("form[data-board-form]").GetAttribute("action"), StringComparison.Ordinal);
        Assert.EndsWith($"/sharebacks/{secondId}", reactorPage.One("form[data-board-form]").GetAttribute("action"), StringComparison.Ordinal);
        Assert.Equal("Just posted", reactorPage.One("#compose-title").GetAttribute("value"));
        Assert.Equal("1", reactorPage.One("input[name='BaseVersion']").GetAttribute("value"));
        Assert.Null(organizerPage.QuerySelector("form[data-board-form]"));

        static AngleSharp.Dom.IElement WouldUse(AngleSharp.Html.Dom.IHtmlDocument page, int shareBackId) =>
            page.One($"[data-sharebacks] article[data-shareback-id='{shareBackId}'] button[data-reaction='WouldUse']");
    }

    [Fact]
    public async Task Posting_twice_with_the_same_idempotency_key_posts_once()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var page = await scene.TeamMember.GetPageAsync(scene.BoardUrl);
        var form = page.One("form[data-board-form]");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.One("input[name='__RequestVerificationToken']").GetAttribute("value")!,
            ["IdempotencyKey"] = form.One("input[name='IdempotencyKey']").GetAttribute("value")!,
            ["Title"] = "Once only",
            ["Body"] = "Body",
        };

        using var first = await scene.TeamMember.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        using var retry = await scene.TeamMember.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await BoardScene.ShareBackIdOf(first), await BoardScene.ShareBackIdOf(retry));
        Assert.Equal(1, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
    }

    [Fact]
    public async Task Posts_from_people_without_the_right_team_are_refused_with_a_reason()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");
        var piratesPost = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        var stranger = await Browser.RegisteredAsync(_app, "Sol Stranger");

        var noTeam = await stranger.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/sharebacks",
            new() { ["IdempotencyKey"] = Guid.NewGuid().ToString(), ["Title"] = "x", ["Body"] = "y" });
        var otherTeam = await scene.Bystander.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/sharebacks/{piratesPost}",
            new() { ["Title"] = "Hijacked", ["Body"] = "y" });
        var wrongTeamId = await scene.Bystander.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/sharebacks",
            new() { ["IdempotencyKey"] = Guid.NewGuid().ToString(), ["TeamId"] = "1", ["Title"] = "x", ["Body"] = "y" });

        Assert.Equal(HttpStatusCode.Forbidden, noTeam.StatusCode);
        Assert.Equal("You are not in a team at this play day. Join or create a team first.", await BoardScene.DetailOf(noTeam));
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        Assert.Equal("Only members of Prompt Pirates (or an organizer) can edit its share-back.", await BoardScene.DetailOf(otherTeam));
        Assert.Equal(HttpStatusCode.Forbidden, wrongTeamId.StatusCode);
        Assert.Equal("You can only post for your own team.", await BoardScene.DetailOf(wrongTeamId));
        Assert.Equal(["Ticket summaries in 30 seconds"], await _app.WithDbAsync(db => db.ShareBacks.Select(s => s.Title).ToListAsync()));
    }

    [Fact]
    public async Task Only_organizers_run_the_session_and_the_queue()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamId = await _app.WithDbAsync(db => db.Teams.Select(t => t.Id).SingleAsync());

        var control = await scene.ControlAsync(scene.TeamMember, "start");
        var queue = await scene.QueueAsync(scene.Bystander, "skip", teamId);
        var anonymous = await new Browser(_app.CreateBrowser()).PostWithoutTokenAsync($"{scene.BoardUrl}/control", new() { ["action"] = "start" });

        Assert.Equal(HttpStatusCode.Forbidden, control.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var state = await scene.StateAsync();
        Assert.False(state.GetProperty("session").GetProperty("started").GetBoolean());
        Assert.False(state.GetProperty("queue")[0].GetProperty("skipped").GetBoolean());
    }

    [Fact]
    public async Task A_write_without_the_antiforgery_token_changes_nothing()
    {
        var scene = await BoardScene.CreateAsync(_app);

        var response = await scene.Organizer.PostWithoutTokenAsync($"{scene.BoardUrl}/control", new() { ["action"] = "start" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await scene.StateAsync()).GetProperty("session").GetProperty("started").GetBoolean());
    }

    [Theory]
    [InlineData("", "Body", "", "Give the share-back a title.")]
    [InlineData("x", "", "", "Write the share-back itself: what you tried, what worked and what broke.")]
    [InlineData("TITLE121", "Body", "", "The title can be at most 120 characters; it has 121.")]
    [InlineData("x", "BODY20001", "", "The share-back can be at most 20000 characters; it has 20001.")]
    [InlineData("x", "Body", "a,b,c,d,e,f,g,h,i", "Name at most 8 tools; there are 9.")]
    [InlineData("x", "Body", "<script>", "“<script>” is not a usable tool tag")]
    public async Task Bad_share_backs_are_refused_with_a_clear_reason_and_nothing_is_saved(string title, string body, string tags, string reason)
    {
        var scene = await BoardScene.CreateAsync(_app);
        title = title == "TITLE121" ? new string('t', 121) : title;
        body = body == "BODY20001" ? new string('b', 20_001) : body;

        var response = await scene.PostShareBackAsync(scene.TeamMember, title, tags, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, await BoardScene.DetailOf(response), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
    }

    [Fact]
    public async Task Posting_to_a_cancelled_play_day_is_refused_with_a_reason()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var page = await scene.TeamMember.GetPageAsync(scene.BoardUrl);
        var form = page.One("form[data-board-form]");
        await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/cancel", []);

        using var response = await scene.TeamMember.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.One("input[name='__RequestVerificationToken']").GetAttribute("value")!,
            ["IdempotencyKey"] = Guid.NewGuid().ToString(),
            ["Title"] = "Too late",
            ["Body"] = "Body",
        }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("This play day is cancelled, so it is read-only.", await BoardScene.DetailOf(response));
    }

    [Fact]
    public async Task Reactions_are_one_of_each_kind_per_person_and_rate_limited()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));

        await scene.ReactAsync(scene.Bystander, id, "WouldUse");
        var twice = await scene.ReactAsync(scene.Bystander, id, "WouldUse");
        await scene.ReactAsync(scene.Bystander, id, "GreatFailure");
        var off = await scene.ReactAsync(scene.Bystander, id, "GreatFailure", on: false);
        var unknown = await scene.ReactAsync(scene.Bystander, id, "Love");
        var limited = await scene.ReactAsync(scene.Bystander, id, "TryThisWeek");
        var fromSomeoneElse = await scene.ReactAsync(scene.Organizer, id, "WouldUse");

        var counts = JsonDocument.Parse(await twice.Content.ReadAsStringAsync()).RootElement.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("WouldUse").GetInt32());
        var afterOff = JsonDocument.Parse(await off.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, afterOff.GetProperty("counts").GetProperty("GreatFailure").GetInt32());
        Assert.Equal(["WouldUse"], afterOff.GetProperty("mine").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("Unknown reaction.", await BoardScene.DetailOf(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.StartsWith("Too many posts or reactions in a minute.", await BoardScene.DetailOf(limited), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fromSomeoneElse.StatusCode);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Reactions.CountAsync(r => r.Kind == Web.Data.ReactionKind.WouldUse)));
    }

    [Fact]
    public async Task A_team_whose_names_take_more_than_the_member_list_holds_posts_with_the_names_that_fit_and_a_count_of_the_rest()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await _app.WithDbAsync(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.PlayDayId == scene.PlayDayId);
            for (var i = 0; i < 20; i++)
            {
                var email = $"member{i}@example.test";
                var user = new Web.Data.AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"Member {i:00} " + new string('x', 60), SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                db.TeamMembers.Add(new Web.Data.TeamMember { TeamId = team.Id, PlayDayId = scene.PlayDayId, User = user, JoinedAtUtc = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(i + 1) });
            }
            return await db.SaveChangesAsync();
        });

        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));

        var stored = await _app.WithDbAsync(db => db.ShareBacks.SingleAsync(s => s.Id == id));
        Assert.True(stored.TeamMembers.Length <= Web.Data.ShareBack.TeamMembersMaxLength, $"{stored.TeamMembers.Length} characters");
        var members = stored.MemberList;
        Assert.Equal(["Tess Teammate", "Member 00 " + new string('x', 60)], members.Take(2));
        var rest = System.Text.RegularExpressions.Regex.Match(members[^1], "^and ([0-9]+) more$");
        Assert.True(rest.Success, members[^1]);
        Assert.Equal(21, members.Count - 1 + int.Parse(rest.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_server_owns_the_timer_through_pauses_resumes_and_extensions()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await scene.ControlAsync(scene.Organizer, "start"); // calls the first (only) team

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(240_000, RemainingMs(await scene.StateAsync()));
        await scene.ControlAsync(scene.Organizer, "pause");
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var paused = await scene.StateAsync();
        Assert.Equal(240_000, RemainingMs(paused));
        Assert.True(paused.GetProperty("session").GetProperty("paused").GetBoolean());
        await scene.ControlAsync(scene.Organizer, "resume");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(210_000, RemainingMs(await scene.StateAsync()));
        await scene.ControlAsync(scene.Organizer, "extend");
        Assert.Equal(270_000, RemainingMs(await scene.StateAsync()));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var page = await scene.Bystander.GetPageAsync(scene.BoardUrl);
        Assert.Contains("Time's up", page.One("[data-timer-cue]").TextContent, StringComparison.Ordinal);

        var end = await scene.ControlAsync(scene.Organizer, "end");
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        var ended = await scene.StateAsync();
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("session").GetProperty("currentTeamId").ValueKind);
        Assert.True(ended.GetProperty("queue")[0].GetProperty("presented").GetBoolean());
        var again = await scene.ControlAsync(scene.Organizer, "pause");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Nobody is presenting right now.", await BoardScene.DetailOf(again));
    }

    [Fact]
    public async Task The_one_minute_cue_is_shown_as_text_not_only_colour()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await scene.ControlAsync(scene.Organizer, "next");
        _app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(10));

        var page = await scene.Bystander.GetPageAsync(scene.BoardUrl);

        Assert.Equal("0:50", page.One("[data-timer-value]").TextContent.Trim());
        Assert.Contains("1 minute left", page.One("[data-timer-cue]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organizer_adds_a_late_team_without_joining_it_and_the_invitee_joins_by_accepting()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var lateMember = await Browser.RegisteredAsync(_app, "Lou Latecomer");

        var response = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/teams", new()
        {
            ["Input.Name"] = "Latecomers",
            ["Input.MemberEmails"] = "lou@example.test",
            ["Input.ForSomeoneElse"] = "true",
        }, "form[action*='handler=Create']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var queue = (await scene.StateAsync()).GetProperty("queue").EnumerateArray().ToList();
        Assert.Equal("Latecomers", queue[^1].GetProperty("name").GetString());
        Assert.Equal("Late", queue[^1].GetProperty("ask").GetString());
        Assert.Equal(JsonValueKind.Null, (await scene.StateAsync(scene.Organizer)).GetProperty("myTeamId").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await scene.StateAsync(lateMember)).GetProperty("myTeamId").ValueKind);

        var accept = await lateMember.SubmitAsync($"/playdays/{scene.PlayDayId}/teams", [], "form[action*='handler=Accept']");

        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        Assert.Equal(queue[^1].GetProperty("id").GetInt32(), (await scene.StateAsync(lateMember)).GetProperty("myTeamId").GetInt32());
    }

    [Fact]
    public async Task Creating_a_second_team_is_explained_and_inviting_an_unknown_address_reveals_nothing()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Rey's Rebels");

        // The page offers no create form to someone in a team; a stale page's post is still explained.
        var second = await scene.TeamMember.PostWithTokenFromAsync($"/playdays/{scene.PlayDayId}/teams", $"/playdays/{scene.PlayDayId}/teams?handler=Create",
            new() { ["Input.Name"] = "Another", ["Input.Ask"] = "Normal" });
        var unknown = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/teams", new()
        {
            ["Input.Name"] = "Ghosts",
            ["Input.MemberEmails"] = "nobody@example.test",
        }, "form[action*='handler=Create']");
        var known = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/teams", new()
        {
            ["Input.Name"] = "Hosts",
            ["Input.MemberEmails"] = "rey@example.test",
            ["Input.ForSomeoneElse"] = "true",
        }, "form[action*='handler=Create']");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(second)), e => e.StartsWith("You are already in Prompt Pirates.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(4, await _app.WithDbAsync(db => db.Teams.CountAsync()));
        Assert.Equal(["NOBODY@EXAMPLE.TEST", "REY@EXAMPLE.TEST"], await _app.WithDbAsync(db => db.TeamInvitations.OrderBy(i => i.NormalizedEmail).Select(i => i.NormalizedEmail).ToListAsync()));
    }

    [Fact]
    public async Task The_projector_view_shows_the_presenter_the_countdown_and_a_QR_code_of_the_board()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await scene.ControlAsync(scene.Organizer, "next");

        var page = await scene.Organizer.GetPageAsync($"{scene.BoardUrl}/projector");
        using var qr = await scene.Organizer.Client.GetAsync($"{scene.BoardUrl}/qr.png");

        Assert.Equal("Prompt Pirates", page.One(".projector-presenter").TextContent.Trim());
        Assert.Equal("5:00", page.One("[data-timer-value]").TextContent.Trim());
        Assert.Equal($"/playdays/{scene.PlayDayId}/board/qr.png", page.One(".projector-qr img").GetAttribute("src"));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var png = await qr.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}

/// <summary>The projector's QR code opens the board; signed out, the way goes through sign-in or sign-up and back to it.</summary>
public sealed class BoardQrCodeTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Scanning_the_QR_code_signed_out_leads_through_sign_in_back_to_the_board()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var phone = new Browser(_app.CreateBrowser());

        using var scanned = await phone.Client.GetAsync(scene.BoardUrl);
        Assert.Equal(HttpStatusCode.Redirect, scanned.StatusCode);
        var login = scanned.LocationPath();
        var signedIn = await phone.SubmitAsync(login, new() { ["Input.Email"] = "rey@example.test", ["Input.Password"] = Browser.Password });

        Assert.Equal(scene.BoardUrl, signedIn.LocationPath());
    }

    [Fact]
    public async Task Scanning_the_QR_code_without_an_account_leads_through_sign_up_and_confirmation_back_to_the_board()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var phone = new Browser(_app.CreateBrowser());
        using var scanned = await phone.Client.GetAsync(scene.BoardUrl);
        var loginPage = await phone.GetPageAsync(scanned.LocationPath());
        var signUp = loginPage.One("a[href*='/account/register']").GetAttribute("href")!;

        var registered = await phone.SubmitAsync(signUp, new()
        {
            ["Input.DisplayName"] = "Quinn Newcomer",
            ["Input.Email"] = "quinn@example.test",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmed = await phone.ConfirmMailedLinkAsync(_app, "quinn@example.test");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(scene.BoardUrl, confirmed.LocationPath());
        Assert.Equal("Live board", (await phone.GetPageAsync(scene.BoardUrl)).One("h1").TextContent.Trim());
    }
}
