using System.Text.Json;

namespace PlayDay.Web.Tests.Board;

public sealed class RestartTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("playday-restart-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_slot_resumes_with_the_same_presenter_and_remaining_time()
    {
        var start = PlayDayApp.DefaultNow;
        int playDayId;
        using (var before = new PlayDayApp(_data.FullName, now: start))
        {
            var scene = await BoardScene.CreateAsync(before);
            playDayId = scene.PlayDayId;
            await BoardScene.CreateTeamAsync(scene.Bystander, playDayId, "Second Team");
            await scene.ControlAsync(scene.Organizer, "start"); // calls the first team
            before.Clock.SetUtcNow(start.AddMinutes(2));
            await scene.ControlAsync(scene.Organizer, "extend");
        }

        using var after = new PlayDayApp(_data.FullName, now: start.AddMinutes(3));
        var organizer = after.NewBrowser();
        await organizer.SubmitAsync("/account/login", new() { ["Input.Email"] = "olu@example.test", ["Input.Password"] = Browser.Password });
        using var response = await organizer.Client.GetAsync($"/playdays/{playDayId}/board/state");
        var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var session = state.GetProperty("session");
        Assert.Equal("Prompt Pirates", session.GetProperty("currentTeamName").GetString());
        Assert.Equal(180_000, session.GetProperty("remainingMs").GetInt64()); // 5 min + 1 extension - 3 min
        Assert.Equal(start.UtcDateTime.AddMinutes(6), session.GetProperty("endsAtUtc").GetDateTime());
        Assert.Equal(["Prompt Pirates", "Second Team"], state.GetProperty("queue").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var page = await organizer.GetPageAsync($"/playdays/{playDayId}/board");
        Assert.Equal("3:00", page.One("[data-timer-value]").TextContent.Trim());
        Assert.Contains("Next presenter: Second Team", page.One("[data-control='Next']").TextContent, StringComparison.Ordinal);
    }
}
