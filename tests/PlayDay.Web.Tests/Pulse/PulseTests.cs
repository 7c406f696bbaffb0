using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.Discoveries;

namespace PlayDay.Web.Tests.Pulse;

/// <summary>The fear inventory: optional anonymous questions, with no link to the person in the row, the logs or the timing.</summary>
public sealed class PulseTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new(LogLevel.Trace);
    private readonly PlayDayApp _app;

    public PulseTests() => _app = new PlayDayApp(now: OutcomeTests.DayBefore, settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace" });

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> AnswerAsync(Browser browser, int playDayId, params string[] answers) =>
        browser.SubmitAsync($"/playdays/{playDayId}/pulse",
            answers.Select((a, i) => (a, i)).ToDictionary(x => $"Answers[{x.i}]", x => x.a), "form[data-pulse-form]");

    [Fact]
    public async Task An_answer_is_stored_with_no_account_no_name_no_precise_time_in_no_order_and_the_logs_do_not_name_the_person()
    {
        _app.WithLogging(_logs);
        var scene = await BoardScene.CreateAsync(_app);
        var tess = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.DisplayName == "Tess Teammate"));
        Assert.Equal("Joining", (await scene.TeamMember.GetPageAsync($"/playdays/{scene.PlayDayId}")).One("[data-pulse-invite]").GetAttribute("data-pulse-invite"));
        var before = _logs.Messages.Count;

        var sent = await AnswerAsync(scene.TeamMember, scene.PlayDayId, "Less copy-paste in my week.", "That my reviews get worse because I trust it.");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var logged = string.Join("\n", _logs.Messages.Skip(before).Select(m => m.Text));
        Assert.NotEmpty(logged);
        foreach (var trace in new[] { tess.Id, tess.Email!, tess.DisplayName, "Tess" })
        {
            Assert.DoesNotContain(trace, logged, StringComparison.OrdinalIgnoreCase);
        }
        // The row holds the play day, the question, the text and the day: nothing of the person.
        var columns = await _app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(db.Database.IsSqlite()
            ? "SELECT name AS \"Value\" FROM pragma_table_info('PulseAnswers')"
            : "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'PulseAnswers'").ToListAsync());
        Assert.Equal(["Day", "Id", "Moment", "PlayDayId", "Question", "Text", "Theme"], columns.Order(StringComparer.Ordinal));
        if (_app.OnSqlite)
        {
            // No rowid: nothing in the file keeps the order answers came in.
            var sql = await _app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'PulseAnswers'").SingleAsync());
            Assert.Contains("WITHOUT ROWID", sql, StringComparison.Ordinal);
        }
        var answers = await _app.WithDbAsync(db => db.PulseAnswers.ToListAsync());
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(DateOnly.FromDateTime(OutcomeTests.DayBefore.UtcDateTime), a.Day));
        Assert.All(answers, a => Assert.Equal(4, (int)a.Id.Version));
        Assert.Null((await scene.TeamMember.GetPageAsync($"/playdays/{scene.PlayDayId}")).QuerySelector("[data-pulse-invite]"));

        // Once per play day and moment; an empty form is refused with a reason.
        var again = await scene.TeamMember.PostWithTokenFromAsync($"/playdays/{scene.PlayDayId}", $"/playdays/{scene.PlayDayId}/pulse", new() { ["Answers[0]"] = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var empty = await AnswerAsync(scene.Bystander, scene.PlayDayId, "  ", "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("answer at least one question", (await Browser.ParseAsync(empty)).One(".errors").TextContent);
        Assert.Equal(2, await _app.WithDbAsync(db => db.PulseAnswers.CountAsync()));
    }

    [Fact]
    public async Task Organizers_see_nothing_under_five_answers_nothing_of_today_and_mark_themes_they_follow_across_quarters()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var people = new List<Browser> { scene.TeamMember, scene.Bystander };
        for (var i = 0; i < 3; i++)
        {
            people.Add(await Browser.RegisteredAsync(_app, $"Person {i}", $"person{i}@example.test"));
        }
        var worry = "What worries you about AI in your work?";

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(people[i], scene.PlayDayId, "", $"Worry number {i}")).StatusCode);
        }
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var four = await scene.Organizer.GetPageAsync($"/playdays/{scene.PlayDayId}/pulse/results");
        Assert.NotNull(four.QuerySelector($"[data-pulse-question='{worry}'] [data-pulse-hidden]"));
        Assert.Empty(four.QuerySelectorAll("[data-pulse-answer]"));

        // The fifth answer arrives today: still hidden until the day is over, so it cannot be matched to who just answered.
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(people[4], scene.PlayDayId, "", "Worry number 4")).StatusCode);
        Assert.Empty((await scene.Organizer.GetPageAsync($"/playdays/{scene.PlayDayId}/pulse/results")).QuerySelectorAll("[data-pulse-answer]"));
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var five = await scene.Organizer.GetPageAsync($"/playdays/{scene.PlayDayId}/pulse/results");
        Assert.Equal(5, five.QuerySelectorAll($"[data-pulse-question='{worry}'] [data-pulse-answer]").Length);
        Assert.NotNull(five.QuerySelector("[data-pulse-question=\"What's in it for you?\"] [data-pulse-hidden]"));
        Assert.DoesNotContain("Tess", five.One("main").TextContent, StringComparison.Ordinal);

        var marked = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/pulse/results", new() { ["theme"] = "Quality of work" },
            "form[action*='handler=Theme']");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var themes = await scene.Organizer.GetPageAsync("/pulse/themes");
        Assert.Equal("1", themes.One("[data-theme='Quality of work'] td").TextContent);
        Assert.Equal("2026 Q4", themes.One("[data-pulse-themes] thead th.num").TextContent);

        var (participantStatus, _) = await scene.Bystander.GetAsync($"/playdays/{scene.PlayDayId}/pulse/results");
        Assert.Equal(HttpStatusCode.Forbidden, participantStatus);
    }

    [Fact]
    public async Task Organizers_edit_the_questions_per_play_day_with_limits()
    {
        var scene = await BoardScene.CreateAsync(_app);

        var tooMany = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/pulse/results",
            new() { ["JoiningQuestions"] = "One?\nTwo?\nThree?\nFour?", ["AfterQuestions"] = "After?" }, "form[action*='handler=Questions']");
        var saved = await scene.Organizer.SubmitAsync($"/playdays/{scene.PlayDayId}/pulse/results",
            new() { ["JoiningQuestions"] = "What would you stop doing by hand?", ["AfterQuestions"] = "Will you try it again?" }, "form[action*='handler=Questions']");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("Ask one to 3 questions joining a team", (await Browser.ParseAsync(tooMany)).One(".errors").TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var form = await scene.TeamMember.GetPageAsync($"/playdays/{scene.PlayDayId}/pulse");
        Assert.Equal(["What would you stop doing by hand?"], form.QuerySelectorAll("[data-pulse-form] label").Select(l => l.TextContent.Trim()));
    }
}
