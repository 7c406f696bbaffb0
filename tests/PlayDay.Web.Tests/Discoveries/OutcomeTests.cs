using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Discoveries;

/// <summary>What became of a discovery: its team and organizers tell it on the share-back's page, every change kept.</summary>
public sealed class OutcomeTests : IDisposable
{
    private readonly PlayDayApp _app = new(now: OutcomeTests.DayBefore);

    public void Dispose() => _app.Dispose();

    /// <summary>The day before the play day (10 December): sign-ins last two weeks, so the story is told within them.</summary>
    public static readonly DateTimeOffset DayBefore = new(2026, 12, 9, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The day after the play day: its board is closed and its discoveries have a story to tell.</summary>
    public static readonly DateTimeOffset DayAfter = new(2026, 12, 11, 12, 0, 0, TimeSpan.Zero);

    internal static async Task<(BoardScene Scene, int ShareBackId)> PresentedAsync(PlayDayApp app)
    {
        var scene = await BoardScene.CreateAsync(app);
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        app.Clock.SetUtcNow(DayAfter);
        return (scene, shareBackId);
    }

    internal static Task<HttpResponseMessage> ReportAsync(Browser browser, int shareBackId, Dictionary<string, string> fields) =>
        browser.SubmitAsync($"/sharebacks/{shareBackId}", fields, "form[action*='handler=Report']");

    [Fact]
    public async Task Each_change_is_kept_with_who_when_and_note_and_shown_as_a_timeline_with_the_figures()
    {
        var (scene, id) = await PresentedAsync(_app);

        var trying = await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Trying", ["Report.Note"] = "Using it every Monday now." });
        _app.Clock.Advance(TimeSpan.FromDays(10));
        var adopted = await ReportAsync(scene.Organizer, id, new()
        {
            ["Report.Outcome"] = "Adopted", ["Report.MinutesPerWeekBefore"] = "120", ["Report.MinutesPerWeekAfter"] = "30",
            ["Report.PeopleDoingTask"] = "6", ["Report.PeopleUsingNewWay"] = "4", ["Report.HowMeasured"] = "A stopwatch for two weeks.",
        });

        Assert.Equal(HttpStatusCode.Redirect, trying.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        var history = await _app.WithDbAsync(db => db.OutcomeUpdates.Where(u => u.ShareBackId == id).OrderBy(u => u.Id).ToListAsync());
        Assert.Equal([(Outcome.Shared, Outcome.Trying, "Tess Teammate", "Using it every Monday now."), (Outcome.Trying, Outcome.Adopted, "Olu Organizer", null)],
            history.Select(u => (u.From, u.To, u.UpdatedBy, u.Note)));
        Assert.Equal([DayAfter.UtcDateTime, DayAfter.UtcDateTime.AddDays(10)], history.Select(u => u.UpdatedAtUtc));

        var page = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        Assert.Equal("Adopted", page.One("#outcome-heading ~ p .outcome").TextContent);
        var timeline = page.QuerySelectorAll(".timeline li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Contains("Trying → Adopted", timeline[0]);
        Assert.Contains("Olu Organizer", timeline[0]);
        Assert.Contains("21 Dec 2026", timeline[0]);
        Assert.Contains("Shared → Trying", timeline[1]);
        Assert.Contains("Using it every Monday now.", timeline[1]);
        var figures = page.One(".figures-table").TextContent;
        Assert.Contains("reported by the team", figures);
        Assert.Contains("120", figures);
        Assert.Contains("A stopwatch for two weeks.", figures);
        // A bystander sees the story but not the form that changes it.
        Assert.Null(page.QuerySelector("form[action*='handler=Report']"));
    }

    [Fact]
    public async Task Dropping_needs_a_reason_and_a_refused_update_keeps_what_was_typed_and_changes_nothing()
    {
        var (scene, id) = await PresentedAsync(_app);

        var refused = await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Dropped", ["Report.MinutesPerWeekBefore"] = "90" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Contains("Say why it was dropped", page.One("form[action*='handler=Report']").TextContent);
        Assert.Equal("90", page.One("input[name='Report.MinutesPerWeekBefore']").GetAttribute("value"));
        Assert.Equal(Outcome.Shared, await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == id).Select(s => s.Outcome).SingleAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutcomeUpdates.CountAsync()));

        var dropped = await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Dropped", ["Report.Note"] = "It invented ticket numbers." });
        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
    }

    [Fact]
    public async Task Figures_out_of_range_get_a_message_on_the_form()
    {
        var (scene, id) = await PresentedAsync(_app);

        var refused = await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Trying", ["Report.MinutesPerWeekBefore"] = "-5", ["Report.PeopleDoingTask"] = "lots" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = string.Join(" | ", Browser.ErrorsOn(await Browser.ParseAsync(refused)));
        Assert.Contains("Minutes a week are between 0 and", errors);
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutcomeUpdates.CountAsync()));
    }

    [Fact]
    public async Task Only_the_team_and_organizers_change_the_outcome_and_only_along_the_allowed_steps()
    {
        var (scene, id) = await PresentedAsync(_app);

        var stranger = await scene.Bystander.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Report", new() { ["Report.Outcome"] = "Adopted" });
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Contains("Only the team", (await Browser.ParseAsync(stranger)).Body!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Dropped", ["Report.Note"] = "Too slow." })).StatusCode);
        var back = await scene.TeamMember.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Report", new() { ["Report.Outcome"] = "Shared" });
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Contains("From “Dropped” a discovery goes to", (await Browser.ParseAsync(back)).Body!.TextContent);

        var withoutToken = await scene.TeamMember.PostWithoutTokenAsync($"/sharebacks/{id}?handler=Report", new() { ["Report.Outcome"] = "RetestNextQuarter" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        Assert.Equal([Outcome.Dropped], await _app.WithDbAsync(db => db.OutcomeUpdates.Select(u => u.To).ToListAsync()));
    }

    [Fact]
    public async Task Before_the_play_day_there_is_no_outcome_to_report()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));

        Assert.Null((await scene.TeamMember.GetPageAsync($"/sharebacks/{id}")).QuerySelector("form[action*='handler=Report']"));
        var early = await scene.TeamMember.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Report", new() { ["Report.Outcome"] = "Adopted" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not happened yet", (await Browser.ParseAsync(early)).Body!.TextContent);
    }

    [Fact]
    public async Task The_outcome_and_figures_reach_the_board_card_the_archive_card_and_the_api()
    {
        var (scene, id) = await PresentedAsync(_app);
        await ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Trying", ["Report.MinutesPerWeekBefore"] = "60", ["Report.MinutesPerWeekAfter"] = "15" });

        var state = await scene.StateAsync();
        var discovery = state.GetProperty("shareBacks")[0].GetProperty("discovery");
        Assert.Equal("Trying", discovery.GetProperty("outcome").GetString());
        Assert.Equal(45, discovery.GetProperty("figures").GetProperty("minutesSavedPerWeek").GetInt32());

        var archive = await scene.Bystander.GetPageAsync("/archive");
        Assert.Equal("Trying", archive.One(".summary .outcome").TextContent);
        Assert.Contains("60 → 15 minutes a week", archive.One(".summary .figures").TextContent);

        using var api = await scene.Bystander.Client.GetAsync("/api/sharebacks");
        var json = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("discovery");
        Assert.Equal("Trying", json.GetProperty("outcome").GetString());
        Assert.Equal(60, json.GetProperty("figuresReportedByTeam").GetProperty("minutesPerWeekBefore").GetInt32());
    }
}
