using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Mail;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.ScaleOut;

/// <summary>
/// Two app instances on loopback sharing one database and one real Redis (the SignalR backplane), as behind a
/// load balancer: events cross instances, concurrent writes through both keep one order, mail goes out once,
/// and one instance dying leaves the other serving.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("playday-two-");
    private RedisServer _redis = null!;
    private SmtpServer _smtp = null!;
    private PlayDayApp _a = null!;
    private PlayDayApp _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _smtp = await SmtpServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis:Configuration"] = _redis.Configuration,
            ["Board:PostsPerMinute"] = "1000",
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "playday@example.test",
        };
        _a = PlayDayApp.WithRealServer(_data.FullName, settings: settings);
        // The first instance made the database; the second starts on it as a second server would.
        await _a.WithDbAsync(db => db.PlayDays.CountAsync());
        _b = PlayDayApp.WithRealServer(_data.FullName, settings: settings);
    }

    public Task DisposeAsync()
    {
        _b.Dispose();
        _a.Dispose();
        _smtp.Dispose();
        _redis.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The same person (same cookies) talking to the other instance.</summary>
    private static Browser On(PlayDayApp app, Browser browser) =>
        new(new HttpClient(new SocketsHttpHandler { CookieContainer = browser.Cookies!, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress }, browser.Cookies);

    [Fact]
    public async Task A_share_back_posted_through_one_instance_reaches_a_screen_on_the_other_and_the_others_board_and_archive_pages_show_it()
    {
        var scene = await BoardScene.CreateAsync(_a);
        await using var screenOnB = await BoardScreen.ConnectAsync(_b, On(_b, scene.Bystander));
        var joinedAt = await screenOnB.JoinAsync(scene.PlayDayId);
        // Both instances have shown the board before the post (whatever they keep of it must not go stale).
        foreach (var app in new[] { _a, _b })
        {
            Assert.DoesNotContain("Posted through A", (await On(app, scene.Bystander).GetPageAsync(scene.BoardUrl)).Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Posted through A", (await On(app, scene.Bystander).GetPageAsync("/archive")).Body!.TextContent, StringComparison.Ordinal);
        }

        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Posted through A"));

        var posted = await screenOnB.NextEventAsync("ShareBackPosted");
        Assert.Equal(joinedAt + 1, posted.GetProperty("sequence").GetInt64());
        Assert.Equal(id, posted.GetProperty("card").GetProperty("id").GetInt32());
        // B keeps its shared pages until A's word that it wrote arrives over Redis (moments, not the pages' 10 s).
        foreach (var page in new[] { scene.BoardUrl, "/archive" })
        {
            await Eventually.TrueAsync(async () => (await On(_b, scene.Bystander).GetPageAsync(page)).Body!.TextContent.Contains("Posted through A", StringComparison.Ordinal),
                $"{page} on B to show the share-back posted through A");
        }
    }

    [Fact]
    public async Task Two_hundred_questions_asked_at_once_through_both_instances_are_all_kept_once_and_every_screen_gets_them_all_in_uniquely_numbered_events()
    {
        var scene = await BoardScene.CreateAsync(_a);
        var teamId = await _a.WithDbAsync(db => db.Teams.Where(t => t.PlayDayId == scene.PlayDayId).Select(t => t.Id).SingleAsync());
        var askers = new[] { scene.Bystander, scene.Organizer, scene.TeamMember };
        await using var screenOnA = await BoardScreen.ConnectAsync(_a, scene.Bystander);
        await using var screenOnB = await BoardScreen.ConnectAsync(_b, On(_b, scene.Bystander));
        await screenOnA.JoinAsync(scene.PlayDayId);
        await screenOnB.JoinAsync(scene.PlayDayId);

        var clients = askers.SelectMany(p => new[] { On(_a, p), On(_b, p) }).ToArray();
        var url = $"{scene.BoardUrl}/teams/{teamId}/questions";
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var client = clients[i % clients.Length];
            using var response = await client.PostWithTokenFromAsync(scene.BoardUrl, url, new() { ["text"] = $"Question number {i}?" });
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Created, status));
        var stored = await _a.WithDbAsync(db => db.Questions.Where(q => q.TeamId == teamId).Select(q => q.Text).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"Question number {i}?").Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        // Questions are announced a few times a second, not once per question; every announcement is a numbered
        // board event, whichever instance made it, numbered in the database: no number twice on a screen, and each
        // screen gets to an announcement that lists every question.
        foreach (var screen in new[] { screenOnA, screenOnB })
        {
            var sequences = new List<long>();
            JsonElement last;
            do
            {
                last = await screen.NextEventAsync("QuestionsChanged", seconds: 30);
                sequences.Add(last.GetProperty("sequence").GetInt64());
            }
            while (last.GetProperty("questions").GetArrayLength() < 200);
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
        }
        var state = await scene.StateAsync();
        Assert.Equal(200, state.GetProperty("questions").EnumerateObject().Sum(t => t.Value.GetArrayLength()));
    }

    [Fact]
    public async Task The_first_writes_to_new_boards_made_through_both_instances_at_once_all_succeed_and_each_takes_its_own_number()
    {
        var organizer = await Browser.RegisteredAsync(_a, "Olu Organizer");
        var (ada, bo) = (await Browser.RegisteredAsync(_a, "Ada Early"), await Browser.RegisteredAsync(_a, "Bo Early"));
        var ids = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await PlayDays.PlayDayForms.ScheduleAsync(organizer, PlayDays.PlayDayForms.Fields(title: $"Play day {i}", date: $"2026-12-{10 + i}")));
        }

        // Each board's first write makes its row of numbers: both instances try that at the same moment.
        await Task.WhenAll(ids.SelectMany(id => new[]
        {
            BoardScene.CreateTeamAsync(On(_a, ada), id, "Team on A"),
            BoardScene.CreateTeamAsync(On(_b, bo), id, "Team on B"),
        }));

        foreach (var id in ids)
        {
            using var response = await On(_b, organizer).Client.GetAsync($"/playdays/{id}/board/state");
            var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["Team on A", "Team on B"], state.GetProperty("queue").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(2, state.GetProperty("sequence").GetInt64());
        }
    }

    [Fact]
    public async Task Timer_extensions_pressed_at_once_through_both_instances_all_count_each_as_its_own_numbered_event()
    {
        var scene = await BoardScene.CreateAsync(_a);
        Assert.Equal(HttpStatusCode.OK, (await scene.ControlAsync(scene.Organizer, "start")).StatusCode);
        var before = await scene.StateAsync();
        var organizers = new[] { On(_a, scene.Organizer), On(_b, scene.Organizer) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await organizers[i % 2].PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/control", new() { ["action"] = "extend" });
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var after = await scene.StateAsync(On(_b, scene.Organizer));
        // The clock stands still: every extension shows in the time left.
        Assert.Equal(before.GetProperty("session").GetProperty("remainingMs").GetInt64() + 40 * 60_000, after.GetProperty("session").GetProperty("remainingMs").GetInt64());
        Assert.Equal(before.GetProperty("sequence").GetInt64() + 40, after.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Invitations_due_while_both_instances_run_reach_each_address_exactly_once()
    {
        var organizer = await Browser.RegisteredAsync(_a, "Olu Organizer");
        var id = await PlayDays.PlayDayForms.ScheduleAsync(organizer);
        var addresses = Enumerable.Range(1, 30).Select(i => $"guest{i}@example.test").ToList();

        var invited = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = string.Join(", ", addresses) });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        // Both outboxes take a round at once (the inviting instance was also woken by the invitation).
        await Task.WhenAll(
            _a.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None),
            _b.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None));

        await Eventually.TrueAsync(() => _a.WithDbAsync(db => db.OutgoingMails.AllAsync(m => m.SentAtUtc != null)), "every invitation to be sent");
        foreach (var address in addresses)
        {
            Assert.Single(_smtp.MessagesTo(address));
        }
        Assert.All(await _a.WithDbAsync(db => db.OutgoingMails.ToListAsync()), m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task When_one_instance_dies_the_other_keeps_serving_and_a_screen_that_moves_over_catches_up()
    {
        var scene = await BoardScene.CreateAsync(_a);
        var screenOnA = await BoardScreen.ConnectAsync(_a, scene.Bystander);
        var seen = await screenOnA.JoinAsync(scene.PlayDayId);

        _a.Dispose();
        await screenOnA.DisposeAsync();
        var member = On(_b, scene.TeamMember);
        var id = await BoardScene.ShareBackIdOf(await member.SubmitAsync(scene.BoardUrl,
            new() { ["Title"] = "Posted while A was down", ["Tags"] = "copilot", ["Body"] = "Still here." }, "form[data-board-form]"));

        await using var screenOnB = await BoardScreen.ConnectAsync(_b, On(_b, scene.Bystander));
        var now = await screenOnB.JoinAsync(scene.PlayDayId);
        // At least the post happened since (a post may also bring an announcement of the team's reaction counts).
        Assert.True(now > seen, $"The board moved on from {seen}: {now}");
        // The gap (seen → now) is what the page's script fills from the board's state.
        using var response = await On(_b, scene.Bystander).Client.GetAsync($"{scene.BoardUrl}/state");
        var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(now, state.GetProperty("sequence").GetInt64());
        Assert.Contains(state.GetProperty("shareBacks").EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);
        using var health = await _b.NewBrowser().Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"redis\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
