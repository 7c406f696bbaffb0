using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PlayDay.Web.Accounts;
using PlayDay.Web.Board;
using PlayDay.Web.Tests.Accounts;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Board;

/// <summary>The hub over a real WebSocket on loopback, spoken to with the .NET SignalR client.</summary>
public sealed class BoardHubTests : IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_anonymous_connection_is_refused()
    {
        var (screen, refused) = await BoardScreen.TryConnectAsync(_app, browser: null);

        Assert.Null(screen);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task A_connection_from_a_page_of_another_site_is_refused()
    {
        var scene = await BoardScene.CreateAsync(_app);
        // A page of another site opens the socket itself, with its own Origin and the person's cookies: no negotiation first.
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", scene.Bystander.Cookies!.GetCookieHeader(_app.BaseAddress));
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var hub = new UriBuilder(_app.BaseAddress) { Scheme = "ws", Path = BoardHub.Path }.Uri;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(hub, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_connection_with_the_cookie_of_a_session_signed_out_since_is_refused()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var copied = scene.Bystander.Cookies!.GetCookieHeader(_app.BaseAddress);
        Assert.Null(await ConnectWithCookieAsync(copied));

        await AccountForms.SignOutAsync(scene.Bystander);
        _app.Clock.Advance(AccountSetup.SessionCheckInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectWithCookieAsync(copied));
    }

    /// <summary>Opens the hub's WebSocket from this site's page with <paramref name="cookie"/>; the refusal's status, or null when it opened.</summary>
    private async Task<HttpStatusCode?> ConnectWithCookieAsync(string cookie)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", _app.BaseAddress.GetLeftPart(UriPartial.Authority));
        var hub = new UriBuilder(_app.BaseAddress) { Scheme = "ws", Path = BoardHub.Path }.Uri;
        try
        {
            await socket.ConnectAsync(hub, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return null;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task Joining_a_play_day_that_does_not_exist_is_an_error()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await using var screen = await BoardScreen.ConnectAsync(_app, scene.Bystander);

        var error = await Assert.ThrowsAsync<HubException>(() => screen.JoinAsync(4242));

        Assert.Contains("There is no play day 4242", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_share_back_reaches_the_screens_of_its_play_day_and_no_other()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var otherPlayDay = await PlayDayForms.ScheduleAsync(scene.Organizer, PlayDayForms.Fields(title: "Another day", date: "2027-01-14"));
        await using var watching = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        await using var elsewhere = await BoardScreen.ConnectAsync(_app, scene.Organizer);
        var start = await watching.JoinAsync(scene.PlayDayId);
        await elsewhere.JoinAsync(otherPlayDay);

        var response = await scene.PostShareBackAsync(scene.TeamMember, title: "Ticket summaries in 30 seconds");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var posted = await watching.NextEventAsync(nameof(IBoardClient.ShareBackPosted));
        var card = posted.GetProperty("card");
        Assert.Equal("Ticket summaries in 30 seconds", card.GetProperty("title").GetString());
        Assert.Equal("Prompt Pirates", card.GetProperty("teamName").GetString());
        Assert.Contains("<h2 id=\"shareback-", card.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(scene.PlayDayId, posted.GetProperty("playDayId").GetInt32());
        Assert.Equal(start + 1, posted.GetProperty("sequence").GetInt64());
        // A screen gets its events in the order they were sent: once it follows this board too, the next edit
        // arrives after the post would have.
        await elsewhere.JoinAsync(scene.PlayDayId);
        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Title"] = "Ticket summaries in 20 seconds" }, "form[data-board-form]");
        Assert.Equal(start + 2, (await elsewhere.NextEventAsync(nameof(IBoardClient.ShareBackEdited))).GetProperty("sequence").GetInt64());
        Assert.Equal(0, elsewhere.Waiting(nameof(IBoardClient.ShareBackPosted)));
    }

    [Fact]
    public async Task Session_post_reaction_and_edit_events_carry_what_changed_and_consecutive_numbers()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await using var screen = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        var start = await screen.JoinAsync(scene.PlayDayId);

        await scene.ControlAsync(scene.Organizer, "start");
        var started = await screen.NextEventAsync(nameof(IBoardClient.SessionChanged));
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        var posted = await screen.NextEventAsync(nameof(IBoardClient.ShareBackPosted));
        await scene.ReactAsync(scene.Bystander, shareBackId, "WouldUse");
        var reacted = await screen.NextEventAsync(nameof(IBoardClient.ReactionsChanged));
        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Title"] = "Ticket summaries in 20 seconds" }, "form[data-board-form]");
        var edited = await screen.NextEventAsync(nameof(IBoardClient.ShareBackEdited));

        Assert.Equal([start + 1, start + 2, start + 3, start + 4], new[] { started, posted, reacted, edited }.Select(e => e.GetProperty("sequence").GetInt64()));
        var session = started.GetProperty("session");
        Assert.Equal("Prompt Pirates", session.GetProperty("currentTeamName").GetString());
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), session.GetProperty("endsAtUtc").GetDateTime());
        Assert.Equal(300_000, session.GetProperty("remainingMs").GetInt64());
        Assert.True(started.GetProperty("queue")[0].GetProperty("presenting").GetBoolean());
        Assert.Equal(1, reacted.GetProperty("counts").GetProperty("WouldUse").GetInt32());
        Assert.Equal("Ticket summaries in 20 seconds", edited.GetProperty("card").GetProperty("title").GetString());
        Assert.Equal(2, edited.GetProperty("card").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_burst_of_reactions_from_several_people_goes_out_as_a_few_updates_with_exact_counts()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Second Team");
        var otherTeamId = (await scene.StateAsync()).GetProperty("queue").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "Second Team").GetProperty("id").GetInt32();
        var people = new List<Browser> { scene.Organizer, scene.TeamMember, scene.Bystander };
        for (var i = 0; i < 3; i++)
        {
            people.Add(await Browser.RegisteredAsync(_app, $"Fan {i}", $"fan{i}@example.test"));
        }
        await using var screen = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        await screen.JoinAsync(scene.PlayDayId);
        var kinds = new[] { "WouldUse", "TryThisWeek", "TriedAlready", "GreatFailure" };

        // Six people, four kinds each, on and some off again: 30 writes at once.
        await Task.WhenAll(people.SelectMany(person => kinds.Select(kind => scene.ReactAsync(person, shareBackId, kind))));
        await Task.WhenAll(people.Take(3).Select(person => scene.ReactAsync(person, shareBackId, "GreatFailure", on: false)));

        var expected = new Dictionary<string, int> { ["WouldUse"] = 6, ["TryThisWeek"] = 6, ["TriedAlready"] = 6, ["GreatFailure"] = 3 };
        var updates = new List<JsonElement>();
        while (updates.Count == 0 || !kinds.All(k => updates[^1].GetProperty("counts").GetProperty(k).GetInt32() == expected[k]))
        {
            updates.Add(await screen.NextEventAsync(nameof(IBoardClient.ReactionsChanged)));
        }
        Assert.True(updates.Count <= 16, $"{updates.Count} updates for 33 reactions: they should come in a few batches");
        // Then the screen stays quiet. Reactions to another team go out through the same batches, after anything still
        // queued before them; the second is made once the first went out, so nothing of the burst can share its batch.
        var later = new List<JsonElement>();
        foreach (var on in new[] { true, false })
        {
            await scene.ReactToTeamAsync(scene.Organizer, otherTeamId, "WouldUse", on);
            JsonElement update;
            while ((update = await screen.NextEventAsync(nameof(IBoardClient.ReactionsChanged))).GetProperty("teamId").GetInt32() != otherTeamId)
            {
                later.Add(update);
            }
        }
        // Nothing of the burst comes after its final counts but, rarely, those same counts again (a write's notice that
        // arrived after the announcement that had already counted it, when another board event came in between).
        Assert.All(later, u => Assert.All(kinds, k => Assert.Equal(expected[k], u.GetProperty("counts").GetProperty(k).GetInt32())));
        var state = await scene.StateAsync();
        var teamId = TeamOf(state);
        Assert.All(kinds, k => Assert.Equal(expected[k], state.GetProperty("reactions").GetProperty(teamId).GetProperty(k).GetInt32()));

        static string TeamOf(JsonElement state) => state.GetProperty("shareBacks")[0].GetProperty("teamId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_reaction_after_a_quiet_spell_reaches_screens_at_once_without_waiting_for_the_gathering_window()
    {
        // A window far longer than a screen waits for an event here: only an update sent on the leading edge can arrive.
        using var app = PlayDayApp.WithRealServer(settings: new Dictionary<string, string> { ["Board:AnnounceWindowMilliseconds"] = "60000" });
        var scene = await BoardScene.CreateAsync(app);
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await BoardScene.CreateTeamAsync(scene.Bystander, scene.PlayDayId, "Second Team");
        var otherTeamId = (await scene.StateAsync()).GetProperty("queue").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "Second Team").GetProperty("id").GetInt32();
        await using var screen = await BoardScreen.ConnectAsync(app, scene.Bystander);
        await screen.JoinAsync(scene.PlayDayId);

        await scene.ReactAsync(scene.Organizer, shareBackId, "WouldUse");
        var first = await screen.NextEventAsync(nameof(IBoardClient.ReactionsChanged));
        // Each team has a window of its own: another team's first reaction goes out at once too.
        await scene.ReactToTeamAsync(scene.Organizer, otherTeamId, "TryThisWeek");
        var other = await screen.NextEventAsync(nameof(IBoardClient.ReactionsChanged));

        Assert.Equal(1, first.GetProperty("counts").GetProperty("WouldUse").GetInt32());
        Assert.Equal(otherTeamId, other.GetProperty("teamId").GetInt32());
        Assert.Equal(1, other.GetProperty("counts").GetProperty("TryThisWeek").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_share_back_is_broadcast_to_its_board()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await using var screen = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        var start = await screen.JoinAsync(scene.PlayDayId);

        var response = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deleted = await screen.NextEventAsync(nameof(IBoardClient.ShareBackDeleted));
        Assert.Equal(id, deleted.GetProperty("shareBackId").GetInt32());
        Assert.Equal(start + 1, deleted.GetProperty("sequence").GetInt64());
        Assert.Equal(0, (await scene.StateAsync()).GetProperty("shareBacks").GetArrayLength());
    }

    [Fact]
    public async Task Only_the_team_or_an_organizer_may_delete_a_share_back()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));

        var page = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        var confirmation = await scene.Bystander.Client.GetAsync($"/sharebacks/{id}/delete");
        var forged = await scene.Bystander.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}/delete", []);

        Assert.Null(page.QuerySelector($"a[href='/sharebacks/{id}/delete']"));
        Assert.Equal(HttpStatusCode.Forbidden, confirmation.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, (await scene.StateAsync()).GetProperty("shareBacks").GetArrayLength());
    }

    [Fact]
    public async Task A_post_larger_than_the_size_limit_is_refused_with_413_and_nothing_is_saved()
    {
        var scene = await BoardScene.CreateAsync(_app);

        var response = await scene.PostShareBackAsync(scene.TeamMember, body: new string('x', 100_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await scene.StateAsync()).GetProperty("shareBacks").GetArrayLength());
    }

    [Fact]
    public async Task A_screen_that_reconnects_learns_it_missed_events_and_reloads_the_state()
    {
        var scene = await BoardScene.CreateAsync(_app);
        long seen;
        await using (var before = await BoardScreen.ConnectAsync(_app, scene.Bystander))
        {
            seen = await before.JoinAsync(scene.PlayDayId);
        }

        await scene.PostShareBackAsync(scene.TeamMember, title: "Posted while you were away");
        await using var after = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        var now = await after.JoinAsync(scene.PlayDayId);

        Assert.True(now > seen);
        var state = await scene.StateAsync(scene.Bystander);
        Assert.Equal(now, state.GetProperty("sequence").GetInt64());
        Assert.Equal("Posted while you were away", state.GetProperty("shareBacks")[0].GetProperty("title").GetString());
    }
}
