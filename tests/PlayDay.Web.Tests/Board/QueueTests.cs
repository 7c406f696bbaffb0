using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Board;

/// <summary>One app for the queue's tests, with the people of four teams; each test runs on a play day of its own.</summary>
public sealed class QueueFixture : IAsyncLifetime
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

/// <summary>
/// The order teams present in: early asks first, then sign-up order, then late asks; organizers move,
/// skip and restore teams. Each test has a play day with Prompt Pirates (signed up first), Late Larks
/// (asked late), Early Birds (asked early) and Second Wave (signed up last).
/// </summary>
public sealed class QueueTests(QueueFixture people) : IClassFixture<QueueFixture>, IAsyncLifetime
{
    private BoardScene _scene = null!;

    public async Task InitializeAsync()
    {
        var playDayId = await PlayDayForms.ScheduleAsync(people.Scene.Organizer);
        await BoardScene.CreateTeamAsync(people.Scene.TeamMember, playDayId, "Prompt Pirates");
        await BoardScene.CreateTeamAsync(people.Scene.Bystander, playDayId, "Late Larks", ask: "Late");
        await BoardScene.CreateTeamAsync(people.Eli, playDayId, "Early Birds", ask: "Early");
        await BoardScene.CreateTeamAsync(people.Nia, playDayId, "Second Wave");
        _scene = new BoardScene { App = people.App, Organizer = people.Scene.Organizer, TeamMember = people.Scene.TeamMember, Bystander = people.Scene.Bystander, PlayDayId = playDayId };
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> QueueAsync() =>
        (await _scene.StateAsync()).GetProperty("queue").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    private async Task<string?> PresenterAsync() =>
        (await _scene.StateAsync()).GetProperty("session").GetProperty("currentTeamName").GetString();

    private async Task<HttpResponseMessage> QueueActionAsync(string action, string team)
    {
        var teamId = await people.App.WithDbAsync(db => db.Teams.Where(t => t.PlayDayId == _scene.PlayDayId && t.Name == team).Select(t => t.Id).SingleAsync());
        return await _scene.QueueAsync(_scene.Organizer, action, teamId);
    }

    [Fact]
    public async Task Early_asks_come_first_then_sign_up_order_then_late_asks()
    {
        Assert.Equal(["Early Birds", "Prompt Pirates", "Second Wave", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task An_organizer_moves_a_team_up()
    {
        await QueueActionAsync("up", "Second Wave");

        Assert.Equal(["Early Birds", "Second Wave", "Prompt Pirates", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task The_first_team_cannot_move_up()
    {
        var top = await QueueActionAsync("up", "Early Birds");

        Assert.Equal(HttpStatusCode.Conflict, top.StatusCode);
        Assert.Equal(["Early Birds", "Prompt Pirates", "Second Wave", "Late Larks"], await QueueAsync());
    }

    [Fact]
    public async Task A_skipped_team_is_passed_over()
    {
        await QueueActionAsync("skip", "Early Birds");
        await _scene.ControlAsync(_scene.Organizer, "next");

        Assert.Equal("Prompt Pirates", await PresenterAsync());
    }

    [Fact]
    public async Task A_restored_team_is_called_next()
    {
        await QueueActionAsync("skip", "Early Birds");
        await _scene.ControlAsync(_scene.Organizer, "next");

        await QueueActionAsync("restore", "Early Birds");
        await _scene.ControlAsync(_scene.Organizer, "next");

        Assert.Equal("Early Birds", await PresenterAsync());
    }
}
