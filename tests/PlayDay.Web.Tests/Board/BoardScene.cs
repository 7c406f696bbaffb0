using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Board;

/// <summary>A play day with an organizer, a team ("Prompt Pirates" with Tess) and a bystander (Rey), driven through the front door.</summary>
public sealed class BoardScene
{
    public required PlayDayApp App { get; init; }
    public required Browser Organizer { get; init; }
    public required Browser TeamMember { get; init; }
    public required Browser Bystander { get; init; }
    public required int PlayDayId { get; init; }

    public string BoardUrl => $"/playdays/{PlayDayId}/board";

    public static async Task<BoardScene> CreateAsync(PlayDayApp app)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var member = await Browser.RegisteredAsync(app, "Tess Teammate");
        var bystander = await Browser.RegisteredAsync(app, "Rey Reactor");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        await CreateTeamAsync(member, id, "Prompt Pirates");
        return new BoardScene { App = app, Organizer = organizer, TeamMember = member, Bystander = bystander, PlayDayId = id };
    }

    public static async Task CreateTeamAsync(Browser browser, int playDayId, string name, string ask = "Normal", string plan = "Summarise support tickets")
    {
        var response = await browser.SubmitAsync($"/playdays/{playDayId}/teams", new()
        {
            ["Input.Name"] = name,
            ["Input.Plan"] = plan,
            ["Input.Ask"] = ask,
        }, "form[action*='handler=Create']");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Creating team {name}: {string.Join(" | ", Browser.ErrorsOn(await Browser.ParseAsync(response)))}");
    }

    /// <summary>Fills and sends the board's compose form, as the page's script would.</summary>
    public async Task<HttpResponseMessage> PostShareBackAsync(Browser browser, string title = "Ticket summaries in 30 seconds",
        string tags = "ChatGPT, zendesk", string body = "## What we tried\n\nSummaries of support tickets.")
    {
        return await browser.SubmitAsync(BoardUrl, new() { ["Title"] = title, ["Tags"] = tags, ["Body"] = body }, "form[data-board-form]");
    }

    public Task<HttpResponseMessage> ControlAsync(Browser browser, string action) =>
        browser.PostWithTokenFromAsync(BoardUrl, $"{BoardUrl}/control", new() { ["action"] = action });

    public Task<HttpResponseMessage> QueueAsync(Browser browser, string action, int teamId) =>
        browser.PostWithTokenFromAsync(BoardUrl, $"{BoardUrl}/queue", new() { ["action"] = action, ["teamId"] = teamId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Reacts to the team whose share-back <paramref name="shareBackId"/> is, as the card's buttons do.</summary>
    public async Task<HttpResponseMessage> ReactAsync(Browser browser, int shareBackId, string kind, bool on = true)
    {
        var teamId = await App.WithDbAsync(db => db.ShareBacks.IgnoreQueryFilters().Where(s => s.Id == shareBackId).Select(s => s.TeamId).SingleAsync());
        return await ReactToTeamAsync(browser, teamId, kind, on);
    }

    /// <summary>Reacts to a team (its presentation, or its share-back once posted).</summary>
    public Task<HttpResponseMessage> ReactToTeamAsync(Browser browser, int teamId, string kind, bool on = true) =>
        browser.PostWithTokenFromAsync(BoardUrl, $"{BoardUrl}/teams/{teamId}/reactions", new() { ["kind"] = kind, ["on"] = on ? "true" : "false" });

    public async Task<JsonElement> StateAsync(Browser? browser = null)
    {
        using var response = await (browser ?? Organizer).Client.GetAsync($"{BoardUrl}/state");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<string> DetailOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";

    public static async Task<int> ShareBackIdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The post answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement.GetProperty("shareBackId").GetInt32();
    }
}
