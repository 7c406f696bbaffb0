using System.Net;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Board;

/// <summary>The hub over a real WebSocket on loopback, spoken to in SignalR's JSON protocol.</summary>
public sealed class BoardHubTests : IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_anonymous_connection_is_refused()
    {
        var (client, refused) = await HubClient.TryConnectAsync(_app, browser: null);

        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task A_connection_from_a_page_of_another_site_is_refused()
    {
        var scene = await BoardScene.CreateAsync(_app);

        var (client, refused) = await HubClient.TryConnectAsync(_app, scene.Bystander, origin: "https://evil.example");

        Assert.Null(client);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
    }

    [Fact]
    public async Task Joining_a_play_day_that_does_not_exist_is_an_error()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await using var client = await HubClient.ConnectAsync(_app, scene.Bystander);

        var error = await Assert.ThrowsAsync<HubErrorException>(() => client.InvokeAsync("JoinBoard", 4242));

        Assert.Contains("There is no play day 4242", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_share_back_reaches_the_screens_of_its_play_day_and_no_other()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var otherPlayDay = await PlayDayForms.ScheduleAsync(scene.Organizer, PlayDayForms.Fields(title: "Another day", date: "2027-01-14"));
        await using var watching = await HubClient.ConnectAsync(_app, scene.Bystander);
        await using var elsewhere = await HubClient.ConnectAsync(_app, scene.Organizer);
        var start = (await watching.InvokeAsync("JoinBoard", scene.PlayDayId)).GetInt64();
        await elsewhere.InvokeAsync("JoinBoard", otherPlayDay);

        var response = await scene.PostShareBackAsync(scene.TeamMember, title: "Ticket summaries in 30 seconds");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var posted = await watching.NextEventAsync("ShareBackPosted");
        Assert.Equal("Ticket summaries in 30 seconds", posted.GetProperty("card").GetProperty("title").GetString());
        Assert.Equal("Prompt Pirates", posted.GetProperty("card").GetProperty("teamName").GetString());
        Assert.Contains("<h2 id=\"shareback-", posted.GetProperty("card").GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(scene.PlayDayId, posted.GetProperty("playDayId").GetInt32());
        Assert.Equal(start + 1, posted.GetProperty("sequence").GetInt64());
        Assert.True(await elsewhere.StaysQuietAsync("ShareBackPosted"));
    }

    [Fact]
    public async Task Session_post_reaction_and_edit_events_carry_what_changed_and_consecutive_numbers()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await using var screen = await HubClient.ConnectAsync(_app, scene.Bystander);
        var start = (await screen.InvokeAsync("JoinBoard", scene.PlayDayId)).GetInt64();

        await scene.ControlAsync(scene.Organizer, "start");
        var started = await screen.NextEventAsync("SessionChanged");
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        var posted = await screen.NextEventAsync("ShareBackPosted");
        await scene.ReactAsync(scene.Bystander, shareBackId, "WouldUse");
        var reacted = await screen.NextEventAsync("ReactionsChanged");
        await scene.TeamMember.SubmitAsync(scene.BoardUrl, new() { ["Title"] = "Ticket summaries in 20 seconds" }, "form[data-board-form]");
        var edited = await screen.NextEventAsync("ShareBackEdited");

        Assert.Equal([start + 1, start + 2, start + 3, start + 4], new[] { started, posted, reacted, edited }.Select(e => e.GetProperty("sequence").GetInt64()));
        var session = started.GetProperty("session");
        Assert.Equal("Prompt Pirates", session.GetProperty("currentTeamName").GetString());
        Assert.Equal(_app.Clock.Now.UtcDateTime.AddMinutes(5), session.GetProperty("endsAtUtc").GetDateTime());
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
        var people = new List<Browser> { scene.Organizer, scene.TeamMember, scene.Bystander };
        for (var i = 0; i < 3; i++)
        {
            people.Add(await Browser.RegisteredAsync(_app, $"Fan {i}", $"fan{i}@example.test"));
        }
        await using var screen = await HubClient.ConnectAsync(_app, scene.Bystander);
        await screen.InvokeAsync("JoinBoard", scene.PlayDayId);
        var kinds = new[] { "WouldUse", "TryThisWeek", "TriedAlready", "GreatFailure" };

        // Six people, four kinds each, on and some off again: 30 writes at once.
        await Task.WhenAll(people.SelectMany(person => kinds.Select(kind => scene.ReactAsync(person, shareBackId, kind))));
        await Task.WhenAll(people.Take(3).Select(person => scene.ReactAsync(person, shareBackId, "GreatFailure", on: false)));

        var expected = new Dictionary<string, int> { ["WouldUse"] = 6, ["TryThisWeek"] = 6, ["TriedAlready"] = 6, ["GreatFailure"] = 3 };
        var updates = new List<System.Text.Json.JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            updates.Add(await screen.NextEventAsync("ReactionsChanged"));
            return kinds.All(k => updates[^1].GetProperty("counts").GetProperty(k).GetInt32() == expected[k]);
        }, "the screen shows the exact counts");
        Assert.True(updates.Count <= 16, $"{updates.Count} updates for 33 reactions: they should come in a few batches");
        Assert.True(await screen.StaysQuietAsync("ReactionsChanged"));
        var state = await scene.StateAsync();
        var teamId = TeamOf(state);
        Assert.All(kinds, k => Assert.Equal(expected[k], state.GetProperty("reactions").GetProperty(teamId).GetProperty(k).GetInt32()));

        static string TeamOf(System.Text.Json.JsonElement state) => state.GetProperty("shareBacks")[0].GetProperty("teamId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Deleting_a_share_back_is_broadcast_to_its_board()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await using var screen = await HubClient.ConnectAsync(_app, scene.Bystander);
        var start = (await screen.InvokeAsync("JoinBoard", scene.PlayDayId)).GetInt64();

        var response = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deleted = await screen.NextEventAsync("ShareBackDeleted");
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
        await using (var before = await HubClient.ConnectAsync(_app, scene.Bystander))
        {
            seen = (await before.InvokeAsync("JoinBoard", scene.PlayDayId)).GetInt64();
        }

        await scene.PostShareBackAsync(scene.TeamMember, title: "Posted while you were away");
        await using var after = await HubClient.ConnectAsync(_app, scene.Bystander);
        var now = (await after.InvokeAsync("JoinBoard", scene.PlayDayId)).GetInt64();

        Assert.True(now > seen);
        var state = await scene.StateAsync(scene.Bystander);
        Assert.Equal(now, state.GetProperty("sequence").GetInt64());
        Assert.Equal("Posted while you were away", state.GetProperty("shareBacks")[0].GetProperty("title").GetString());
    }
}
