using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Archive;

namespace PlayDay.Web.Tests.Api;

/// <summary>One app for the API's tests: two quarters of share-backs and an organizer with a personal token. The tests only read.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public PlayDayApp App { get; } = new();

    public Browser Organizer { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Organizer = await Browser.RegisteredAsync(App, "Olu Organizer");
        var q4 = await ArchiveData.PlayDayAsync(App, Organizer, "Q4 day", "2026-12-10");
        var q1 = await ArchiveData.PlayDayAsync(App, Organizer, "Q1 day", "2027-02-11");
        await ArchiveData.ShareBackAsync(App, q4, "Pirates", "Prompt library", tags: "chatgpt");
        await ArchiveData.ShareBackAsync(App, q4, "A", "Q4 copilot", tags: "copilot");
        await ArchiveData.ShareBackAsync(App, q1, "B", "Q1 copilot", tags: "copilot");
        await ArchiveData.ShareBackAsync(App, q1, "C", "Q1 excel", tags: "excel");
        Token = await ApiTests.MakeTokenAsync(Organizer);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Makes a personal token on /me, which shows it once only.</summary>
    public static async Task<string> MakeTokenAsync(Browser browser)
    {
        await browser.SubmitAsync("/me", [], "form[action*='handler=CreateApiToken']");
        var token = (await browser.GetPageAsync("/me")).One("#api-token").GetAttribute("value")!;
        Assert.Null((await browser.GetPageAsync("/me")).QuerySelector("#api-token"));
        return token;
    }

    private HttpClient WithToken(string token)
    {
        var client = api.App.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> ShareBacksAsync(string query)
    {
        using var response = await api.Organizer.Client.GetAsync($"/api/sharebacks?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static IEnumerable<string?> Titles(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString());

    [Fact]
    public async Task The_api_answers_a_signed_in_browser()
    {
        using var response = await api.Organizer.Client.GetAsync("/api/playdays");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Q4 day", (await JsonAsync(response)).EnumerateArray().Select(p => p.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task The_api_answers_a_personal_token()
    {
        using var response = await WithToken(api.Token).GetAsync("/api/sharebacks?q=prompting");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await JsonAsync(response);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("Prompt library", found.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal("2026 Q4", found.GetProperty("items")[0].GetProperty("quarter").GetString());
    }

    [Fact]
    public async Task The_api_refuses_someone_not_signed_in_and_names_the_token_they_need()
    {
        using var anonymous = await api.App.CreateBrowser().GetAsync("/api/sharebacks");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("API token", (await JsonAsync(anonymous)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_a_token_it_did_not_issue()
    {
        using var wrongToken = await WithToken("not-a-token").GetAsync("/api/sharebacks");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_and_only_its_hash_is_stored()
    {
        // Someone else's token: the organizer's stays valid for the other tests.
        var pat = await Browser.RegisteredAsync(api.App, "Pat Participant");
        var token = await MakeTokenAsync(pat);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(token).GetAsync("/api/playdays")).StatusCode);
        var stored = await api.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "pat@example.test").ApiTokenHash));
        Assert.NotEqual(token, stored);

        await pat.SubmitAsync("/me", [], "form[action*='handler=RevokeApiToken']");

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(token).GetAsync("/api/playdays")).StatusCode);
    }

    [Fact]
    public async Task Share_backs_filter_by_quarter()
    {
        var found = await ShareBacksAsync("quarter=2027-Q1");

        Assert.Equal(2, found.GetProperty("total").GetInt32());
        Assert.Equal(["Q1 copilot", "Q1 excel"], Titles(found).Order());
    }

    [Fact]
    public async Task Share_backs_filter_by_tag_within_a_quarter()
    {
        var found = await ShareBacksAsync("tag=copilot&quarter=2026%20Q4");

        Assert.Equal(["Q4 copilot"], Titles(found));
    }

    [Fact]
    public async Task A_page_past_the_last_is_empty()
    {
        var found = await ShareBacksAsync("page=2");

        Assert.Equal(0, found.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_quarter_that_is_not_one_is_a_400_that_says_so()
    {
        using var bad = await api.Organizer.Client.GetAsync("/api/sharebacks?quarter=someday");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not a quarter", (await JsonAsync(bad)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_play_day_and_a_share_back_keep_their_json_names_and_values()
    {
        // Its own app: the assertions spell out the whole answer, so nothing else may be in the database.
        using var app = new PlayDayApp();
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await ArchiveData.PlayDayAsync(app, organizer);
        var shareBack = await ArchiveData.ShareBackAsync(app, id, "Pirates", "Prompt library", tags: "chatgpt,copilot",
            postedAtUtc: new DateTime(2026, 12, 10, 14, 30, 0, DateTimeKind.Utc));
        var uid = await app.WithDbAsync(async db =>
        {
            db.Reactions.Add(new() { TeamId = db.ShareBacks.Single(s => s.Id == shareBack).TeamId, UserId = db.Users.Single().Id, Kind = ReactionKind.GreatFailure });
            (await db.ShareBacks.SingleAsync()).ImportedReactions = "WouldUse=2";
            await db.SaveChangesAsync();
            return (await db.PlayDays.SingleAsync()).CalendarUid;
        });

        var playDays = await organizer.Client.GetStringAsync("/api/playdays");
        var shareBacks = await organizer.Client.GetStringAsync("/api/sharebacks");

        Assert.Equal(
            $$"""[{"id":{{id}},"uid":"{{uid}}","title":"AI Play Day 2026 Q4","quarter":"2026 Q4","date":"2026-12-10","startsAtUtc":"2026-12-10T12:00:00Z","endsAtUtc":"2026-12-10T16:00:00Z","timeZone":"Europe/Berlin","location":"Atrium, 3rd floor","videoLink":null,"cancelled":false}]""",
            playDays);
        Assert.Equal(
            $$$"""{"total":1,"page":1,"pages":1,"items":[{"id":{{{shareBack}}},"title":"Prompt library","team":"Pirates","members":["Ada Lovelace","Grace Hopper"],"playDayId":{{{id}}},"playDay":"AI Play Day 2026 Q4","quarter":"2026 Q4","tags":["chatgpt","copilot"],"postedAtUtc":"2026-12-10T14:30:00Z","editedAtUtc":null,"reactions":{"WouldUse":2,"TryThisWeek":0,"TriedAlready":0,"GreatFailure":1},"markdownUrl":"/sharebacks/{{{shareBack}}}.md","discovery":{"outcome":"Shared","outcomeLabel":"Shared","figuresReportedByTeam":null,"usedByTeams":[],"wantToTry":0}}]}""",
            shareBacks);
        using var markdown = await organizer.Client.GetAsync(JsonDocument.Parse(shareBacks).RootElement.GetProperty("items")[0].GetProperty("markdownUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
    }
}
