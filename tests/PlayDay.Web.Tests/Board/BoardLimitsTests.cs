using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PlayDay.Web.Board;

namespace PlayDay.Web.Tests.Board;

/// <summary>One client cannot use up the board for everyone: connections and hub calls are limited per person and in all.</summary>
public sealed class BoardLimitsTests : IDisposable
{
    private readonly PlayDayApp _app = PlayDayApp.WithRealServer(settings: new Dictionary<string, string>
    {
        ["Board:MaxConnectionsPerUser"] = "3",
        ["Board:MaxConnections"] = "6",
        ["Board:HubCallsPer10Seconds"] = "5",
        ["Board:MaxBoardsPerConnection"] = "2",
    });

    public void Dispose() => _app.Dispose();

    private static async Task<(HttpStatusCode Status, string Detail, string? RetryAfter)> NegotiateAsync(Browser browser)
    {
        using var response = await browser.Client.PostAsync("/hubs/board/negotiate?negotiateVersion=1", null);
        var body = await response.Content.ReadAsStringAsync();
        var detail = response.IsSuccessStatusCode ? "" : JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        return (response.StatusCode, detail, response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task One_persons_connection_over_the_limit_is_refused_with_a_reason_and_others_still_connect()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var mine = new List<BoardScreen>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await BoardScreen.ConnectAsync(_app, scene.Bystander));
        }

        // The server counts a connection once it has started (just after the handshake the client waits for).
        await Eventually.TrueAsync(async () => (await NegotiateAsync(scene.Bystander)).Status == HttpStatusCode.TooManyRequests, "three connections are counted");
        var (extra, refused) = await BoardScreen.TryConnectAsync(_app, scene.Bystander);
        var negotiate = await NegotiateAsync(scene.Bystander);
        await using var someoneElse = await BoardScreen.ConnectAsync(_app, scene.TeamMember);

        Assert.Null(extra);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, negotiate.Status);
        Assert.Equal("You have the board open in 3 places already. Close one to open another.", negotiate.Detail);
        Assert.Equal("30", negotiate.RetryAfter);
        await someoneElse.JoinAsync(scene.PlayDayId);

        await mine[0].DisposeAsync();
        await Eventually.TrueAsync(async () => (await NegotiateAsync(scene.Bystander)).Status == HttpStatusCode.OK, "a closed connection frees its place");
        foreach (var client in mine.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_full_server_refuses_new_connections_with_503_and_keeps_serving_everything_else()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var people = new[] { scene.Organizer, scene.TeamMember, scene.Bystander };
        var open = new List<BoardScreen>();
        foreach (var person in people)
        {
            open.Add(await BoardScreen.ConnectAsync(_app, person));
            open.Add(await BoardScreen.ConnectAsync(_app, person));
        }

        await Eventually.TrueAsync(async () => (await NegotiateAsync(scene.Organizer)).Status == HttpStatusCode.ServiceUnavailable, "six connections are counted");
        var (extra, refused) = await BoardScreen.TryConnectAsync(_app, scene.Organizer);
        var negotiate = await NegotiateAsync(scene.Organizer);

        Assert.Null(extra);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.Status);
        Assert.StartsWith("The live board is full right now.", negotiate.Detail, StringComparison.Ordinal);
        using var health = await scene.Bystander.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Live board", (await scene.Bystander.GetPageAsync(scene.BoardUrl)).One("h1").TextContent.Trim());
        Assert.Equal(HttpStatusCode.Created, (await scene.PostShareBackAsync(scene.TeamMember)).StatusCode);
        await open[0].JoinAsync(scene.PlayDayId);
        foreach (var client in open)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_flood_of_hub_calls_is_refused_for_that_person_only_until_the_window_passes()
    {
        var scene = await BoardScene.CreateAsync(_app);
        await using var flooder = await BoardScreen.ConnectAsync(_app, scene.Bystander);
        await using var bystander = await BoardScreen.ConnectAsync(_app, scene.TeamMember);

        for (var i = 0; i < 5; i++)
        {
            await flooder.Connection.InvokeAsync(i % 2 == 0 ? nameof(BoardHub.JoinBoard) : nameof(BoardHub.LeaveBoard), scene.PlayDayId);
        }
        var error = await Assert.ThrowsAsync<HubException>(() => flooder.JoinAsync(scene.PlayDayId));
        var unaffected = await bystander.JoinAsync(scene.PlayDayId);

        Assert.Contains("Too many board requests at once", error.Message, StringComparison.Ordinal);
        Assert.True(unaffected >= 0);
        _app.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await flooder.JoinAsync(scene.PlayDayId) >= 0);
    }

    [Fact]
    public async Task A_connection_follows_at_most_a_few_boards()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var second = await PlayDays.PlayDayForms.ScheduleAsync(scene.Organizer, PlayDays.PlayDayForms.Fields(title: "Second", date: "2027-01-14"));
        var third = await PlayDays.PlayDayForms.ScheduleAsync(scene.Organizer, PlayDays.PlayDayForms.Fields(title: "Third", date: "2027-04-15"));
        await using var client = await BoardScreen.ConnectAsync(_app, scene.Organizer);

        await client.JoinAsync(scene.PlayDayId);
        await client.JoinAsync(second);
        var error = await Assert.ThrowsAsync<HubException>(() => client.JoinAsync(third));
        await client.Connection.InvokeAsync(nameof(BoardHub.LeaveBoard), second);

        Assert.Contains("already follows as many boards as it may", error.Message, StringComparison.Ordinal);
        Assert.True(await client.JoinAsync(third) >= 0);
    }
}
