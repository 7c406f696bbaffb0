using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Archive;

namespace PlayDay.Web.Tests.Api;

public sealed class ApiTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> MakeTokenAsync(Browser browser)
    {
        await browser.SubmitAsync("/me", [], "form[action*='handler=CreateApiToken']");
        var token = (await browser.GetPageAsync("/me")).One("#api-token").GetAttribute("value")!;
        // Shown once only.
        Assert.Null((await browser.GetPageAsync("/me")).QuerySelector("#api-token"));
        return token;
    }

    private HttpClient WithToken(string token)
    {
        var client = _app.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task The_api_answers_a_signed_in_browser_and_a_personal_token_and_nobody_else()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await ArchiveData.PlayDayAsync(_app, organizer);
        await ArchiveData.ShareBackAsync(_app, id, "Pirates", "Prompt library", tags: "chatgpt");
        var token = await MakeTokenAsync(organizer);

        using var withCookie = await organizer.Client.GetAsync("/api/playdays");
        using var withToken = await WithToken(token).GetAsync("/api/sharebacks?q=prompting");
        using var anonymous = await _app.CreateBrowser().GetAsync("/api/sharebacks");
        using var wrongToken = await WithToken("not-a-token").GetAsync("/api/sharebacks");

        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal("AI Play Day 2026 Q4", (await JsonAsync(withCookie))[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        var found = await JsonAsync(withToken);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("Prompt library", found.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal("2026 Q4", found.GetProperty("items")[0].GetProperty("quarter").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("API token", (await JsonAsync(anonymous)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_and_only_its_hash_is_stored()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var token = await MakeTokenAsync(organizer);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(token).GetAsync("/api/playdays")).StatusCode);
        var stored = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single().ApiTokenHash));
        Assert.NotEqual(token, stored);

        await organizer.SubmitAsync("/me", [], "form[action*='handler=RevokeApiToken']");

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(token).GetAsync("/api/playdays")).StatusCode);
    }

    [Fact]
    public async Task Share_backs_filter_by_quarter_and_tag_and_page_and_a_bad_quarter_is_a_400()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var q4 = await ArchiveData.PlayDayAsync(_app, organizer, "Q4 day", "2026-12-10");
        var q1 = await ArchiveData.PlayDayAsync(_app, organizer, "Q1 day", "2027-02-11");
        await ArchiveData.ShareBackAsync(_app, q4, "A", "Q4 copilot", tags: "copilot");
        await ArchiveData.ShareBackAsync(_app, q1, "B", "Q1 copilot", tags: "copilot");
        await ArchiveData.ShareBackAsync(_app, q1, "C", "Q1 excel", tags: "excel");

        var byQuarter = await JsonAsync(await organizer.Client.GetAsync("/api/sharebacks?quarter=2027-Q1"));
        var byTag = await JsonAsync(await organizer.Client.GetAsync("/api/sharebacks?tag=copilot&quarter=2026%20Q4"));
        var secondPage = await JsonAsync(await organizer.Client.GetAsync("/api/sharebacks?page=2"));
        using var bad = await organizer.Client.GetAsync("/api/sharebacks?quarter=someday");

        Assert.Equal(2, byQuarter.GetProperty("total").GetInt32());
        Assert.Equal(["Q4 copilot"], byTag.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Equal(0, secondPage.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not a quarter", (await JsonAsync(bad)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_play_day_and_a_share_back_keep_their_json_names_and_values()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await ArchiveData.PlayDayAsync(_app, organizer);
        var shareBack = await ArchiveData.ShareBackAsync(_app, id, "Pirates", "Prompt library", tags: "chatgpt,copilot",
            postedAtUtc: new DateTime(2026, 12, 10, 14, 30, 0, DateTimeKind.Utc));
        var uid = await _app.WithDbAsync(async db =>
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
