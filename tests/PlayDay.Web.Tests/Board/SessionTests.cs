using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PlayDay.Web.Tests.Board;

/// <summary>One app for the share-back session's tests, with the scene's people and two more; each test runs on a play day of its own.</summary>
public sealed class SessionFixture : IAsyncLifetime
{
    public PlayDayApp App { get; } = new();

    public BoardScene Scene { get; private set; } = null!;

    public Browser Eli { get; private set; } = null!;

    public Browser Nia { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scene = await BoardScene.CreateAsync(App);
        Eli = await Browser.RegisteredAsync(App, "Eli Early");
        Nia = await Browser.RegisteredAsync(App, "Nia Normal");
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The organizer runs the share-backs: the server owns the presenter, the timer and the queue.</summary>
public sealed class SessionTests(SessionFixture session) : IClassFixture<SessionFixture>, IAsyncLifetime
{
    private BoardScene _scene = null!;

    public async Task InitializeAsync() => _scene = await session.Scene.WithNewPlayDayAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> SessionAsync() => (await _scene.StateAsync()).GetProperty("session");

    private async Task<long> RemainingMsAsync() => (await SessionAsync()).GetProperty("remainingMs").GetInt64();

    private async Task ControlAsync(string action) =>
        Assert.Equal(HttpStatusCode.OK, (await _scene.ControlAsync(_scene.Organizer, action)).StatusCode);

    private void Wait(TimeSpan time) => session.App.Clock.Advance(time);

    /// <summary>Prompt Pirates (signed up first), Late Larks (asked late), Early Birds (asked early), Second Wave (signed up last).</summary>
    private async Task FourTeamsAsync()
    {
        await BoardScene.CreateTeamAsync(_scene.Bystander, _scene.PlayDayId, "Late Larks", ask: "Late");
        await BoardScene.CreateTeamAsync(session.Eli, _scene.PlayDayId, "Early Birds", ask: "Early");
        await BoardScene.CreateTeamAsync(session.Nia, _scene.PlayDayId, "Second Wave");
    }

    private async Task<List<string>> QueueAsync() =>
        (await _scene.StateAsync()).GetProperty("queue").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    private Task<int> TeamIdAsync(string name) =>
        session.App.WithDbAsync(db => db.Teams.Where(t => t.PlayDayId == _scene.PlayDayId && t.Name == name).Select(t => t.Id).SingleAsync());

    private async Task<HttpResponseMessage> QueueActionAsync(string action, string team) =>
        await _scene.QueueAsync(_scene.Organizer, action, await TeamIdAsync(team));

    [Fact]
    public async Task A_slot_counts_down_on_the_servers_clock()
    {
        await ControlAsync("start");
        await ControlAsync("next");

        Wait(TimeSpan.FromMinutes(1));

        Assert.Equal(240_000, await RemainingMsAsync());
    }

    [Fact]
    public async Task A_paused_slot_keeps_its_remaining_time()
    {
        await ControlAsync("next");
        Wait(TimeSpan.FromMinutes(1));

        await ControlAsync("pause");
        Wait(TimeSpan.FromMinutes(2));

        Assert.Equal(240_000, await RemainingMsAsync());
        Assert.True((await SessionAsync()).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task A_resumed_slot_counts_down_from_where_it_paused()
    {
        await ControlAsync("next");
        Wait(TimeSpan.FromMinutes(1));
        await ControlAsync("pause");
        Wait(TimeSpan.FromMinutes(2));

        await ControlAsync("resume");
        Wait(TimeSpan.FromSeconds(30));

        Assert.Equal(210_000, await RemainingMsAsync());
    }

    [Fact]
    public async Task Extending_a_slot_adds_a_minute()
    {
        await ControlAsync("next");
        Wait(TimeSpan.FromSeconds(90));

        await ControlAsync("extend");

        Assert.Equal(270_000, await RemainingMsAsync());
    }

    [Fact]
    public async Task The_one_minute_cue_is_shown_as_text_not_only_colour()
    {
        await ControlAsync("next");
        Wait(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(10));

        var page = await _scene.Bystander.GetPageAsync(_scene.BoardUrl);

        Assert.Equal("0:50", page.One("[data-timer-value]").TextContent.Trim());
        Assert.Contains("1 minute left", page.One("[data-timer-cue]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_time_is_up_the_board_says_so()
    {
        await ControlAsync("next");
        Wait(TimeSpan.FromMinutes(6));

        var page = await _scene.Bystander.GetPageAsync(_scene.BoardUrl);

        Assert.Contains("Time's up", page.One("[data-timer-cue]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_slot_leaves_nobody_presenting_and_marks_the_team_as_presented()
    {
        await ControlAsync("next");

        await ControlAsync("end");

        var ended = await _scene.StateAsync();
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("session").GetProperty("currentTeamId").ValueKind);
        Assert.True(ended.GetProperty("queue")[0].GetProperty("presented").GetBoolean());
    }

    [Fact]
    public async Task Pausing_when_nobody_presents_is_refused_with_a_reason()
    {
        await ControlAsync("next");
        await ControlAsync("end");

        var pause = await _scene.ControlAsync(_scene.Organizer, "pause");

        Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
        Assert.Equal("Nobody is presenting right now.", await BoardScene.DetailOf(pause));
    }

    [Fact]
    public async Task The_queue_puts_early_asks_first_then_sign_up_order_then_late_asks()
    {
        await FourTeamsAsync();

        Assert.Equal(["Early Birds", "Prompt Pirates", "Second Wave", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task An_organizer_moves_a_team_up_the_queue()
    {
        await FourTeamsAsync();

        await QueueActionAsync("up", "Second Wave");

        Assert.Equal(["Early Birds", "Second Wave", "Prompt Pirates", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task The_first_team_cannot_move_up()
    {
        await FourTeamsAsync();

        var top = await QueueActionAsync("up", "Early Birds");

        Assert.Equal(HttpStatusCode.Conflict, top.StatusCode);
        Assert.Equal(["Early Birds", "Prompt Pirates", "Second Wave", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task A_skipped_team_is_passed_over()
    {
        await FourTeamsAsync();

        await QueueActionAsync("skip", "Early Birds");
        await ControlAsync("next");

        Assert.Equal("Prompt Pirates", (await SessionAsync()).GetProperty("currentTeamName").GetString());
    }

    [Fact]
    public async Task A_restored_team_presents_next()
    {
        await FourTeamsAsync();
        await QueueActionAsync("skip", "Early Birds");
        await ControlAsync("next");

        await QueueActionAsync("restore", "Early Birds");
        await ControlAsync("next");

        Assert.Equal("Early Birds", (await SessionAsync()).GetProperty("currentTeamName").GetString());
    }

    [Fact]
    public async Task The_projector_view_shows_the_presenter_the_countdown_and_a_QR_code_of_the_board()
    {
        await ControlAsync("next");

        var page = await _scene.Organizer.GetPageAsync($"{_scene.BoardUrl}/projector");
        using var qr = await _scene.Organizer.Client.GetAsync($"{_scene.BoardUrl}/qr.png");

        Assert.Equal("Prompt Pirates", page.One(".projector-presenter").TextContent.Trim());
        Assert.Equal("5:00", page.One("[data-timer-value]").TextContent.Trim());
        Assert.Equal($"/playdays/{_scene.PlayDayId}/board/qr.png", page.One(".projector-qr img").GetAttribute("src"));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var png = await qr.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
