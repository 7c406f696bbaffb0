using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.Discoveries;

/// <summary>Other teams pick a discovery up by name, and ask its team questions; the team hears of both by email.</summary>
public sealed class SpreadingTests : IDisposable
{
    private readonly PlayDayApp _app = new(now: OutcomeTests.DayBefore);

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> AdoptAsync(Browser browser, int id, string team, string button) =>
        browser.SubmitAsync($"/sharebacks/{id}", new() { ["AdopterTeam"] = team }, "form[action*='handler=Adopt']", $"button[value='{button}']");

    /// <summary>What was mailed to <paramref name="email"/> after the play day (not the sign-up and team mails before it).</summary>
    private Task<List<OutgoingMail>> MailsToAsync(string email) =>
        _app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().Where(m => m.To == email && m.CreatedAtUtc >= OutcomeTests.DayAfter.UtcDateTime).OrderBy(m => m.Id).ToListAsync());

    private Task<string> EmailOfAsync(string name) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.DisplayName == name).Select(u => u.Email!).SingleAsync());

    [Fact]
    public async Task Wanting_to_try_then_using_it_names_the_person_and_team_tells_the_discoverers_and_shows_spreading()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);
        var discoverer = await EmailOfAsync("Tess Teammate");

        var want = await AdoptAsync(scene.Bystander, id, "Finance operations", "try");

        Assert.Equal(HttpStatusCode.Redirect, want.StatusCode);
        var page = await scene.TeamMember.GetPageAsync($"/sharebacks/{id}");
        Assert.Contains("Rey Reactor (Finance operations) wants to try it", page.One(".adopters").TextContent);
        var told = Assert.Single(await MailsToAsync(discoverer));
        Assert.Equal("Rey Reactor wants to try “Ticket summaries in 30 seconds”", told.Subject);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/sharebacks/{id}", told.TextBody);

        var using_ = await AdoptAsync(scene.Bystander, id, "Finance operations", "using");

        Assert.Equal(HttpStatusCode.Redirect, using_.StatusCode);
        page = await scene.Organizer.GetPageAsync($"/sharebacks/{id}");
        Assert.Contains("Spreading to 1 team", page.One("#spreading-heading ~ p").TextContent);
        Assert.Contains("Rey Reactor (Finance operations) uses it now", page.One(".adopters").TextContent);
        Assert.Equal("Spreading", page.One("#outcome-heading ~ p .outcome").TextContent);
        Assert.Equal(2, (await MailsToAsync(discoverer)).Count);
        Assert.Equal("Finance operations uses “Ticket summaries in 30 seconds” now", (await MailsToAsync(discoverer))[^1].Subject);

        // The mail goes out for real (to the pickup folder, with no mail server set).
        await Outbox.SendDueAsync(_app);
        Assert.All(await MailsToAsync(discoverer), m => Assert.NotNull(m.SentAtUtc));

        // Taking the name off removes it; the team's own members cannot adopt their own discovery.
        Assert.Equal(HttpStatusCode.Redirect, (await AdoptAsync(scene.Bystander, id, "Finance operations", "withdraw")).StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Adoptions.CountAsync()));
        var own = await scene.TeamMember.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Adopt&stage=try", new() { ["AdopterTeam"] = "Us" });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("your own team's discovery", (await Browser.ParseAsync(own)).Body!.TextContent);
    }

    [Fact]
    public async Task An_adopter_must_name_a_team_and_a_post_without_antiforgery_is_refused()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);

        var nameless = await AdoptAsync(scene.Bystander, id, "  ", "try");
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Contains("Name your team", (await Browser.ParseAsync(nameless)).One("form[action*='handler=Adopt']").TextContent);

        var forged = await scene.Bystander.PostWithoutTokenAsync($"/sharebacks/{id}?handler=Adopt&stage=try", new() { ["AdopterTeam"] = "Finance" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Adoptions.CountAsync()));
    }

    [Fact]
    public async Task Anyone_asks_on_the_permalink_the_team_answers_and_each_side_is_told_by_email_with_markdown_kept_safe()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);
        var discoverer = await EmailOfAsync("Tess Teammate");
        var asker = await EmailOfAsync("Rey Reactor");

        var ask = await scene.Bystander.SubmitAsync($"/sharebacks/{id}", new() { ["QuestionText"] = "Does it work in **German**? <script>alert(1)</script>" },
            "form[action*='handler=Ask']");

        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        var page = await scene.TeamMember.GetPageAsync($"/sharebacks/{id}");
        var question = page.One(".thread .question-text");
        Assert.Equal("German", question.One("strong").TextContent);
        Assert.Null(question.QuerySelector("script"));
        Assert.Contains("<script>", question.TextContent);
        Assert.Equal("A question about “Ticket summaries in 30 seconds”", Assert.Single(await MailsToAsync(discoverer)).Subject);

        var stranger = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        Assert.Null(stranger.QuerySelector("form[action*='handler=Answer']"));

        var answer = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}", new() { ["AnswerText"] = "Yes: we tried it on the Berlin queue." },
            "form[action*='handler=Answer']");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("we tried it on the Berlin queue", (await scene.Bystander.GetPageAsync($"/sharebacks/{id}")).One(".thread .answer").TextContent);
        var answered = Assert.Single(await MailsToAsync(asker));
        Assert.Equal("Prompt Pirates answered your question about “Ticket summaries in 30 seconds”", answered.Subject);

        var questionId = await _app.WithDbAsync(db => db.Questions.Select(q => q.Id).SingleAsync());
        var notTheTeam = await scene.Bystander.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Answer&questionId={questionId}",
            new() { ["AnswerText"] = "I answer for them." });
        Assert.Equal(HttpStatusCode.Forbidden, notTheTeam.StatusCode);
    }

    [Fact]
    public async Task An_empty_or_overlong_question_gets_a_message_and_nothing_is_stored()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);

        var empty = await scene.Bystander.SubmitAsync($"/sharebacks/{id}", new() { ["QuestionText"] = "   " }, "form[action*='handler=Ask']");
        var overlong = await scene.Bystander.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Ask",
            new() { ["QuestionText"] = new string('x', Question.TextMaxLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write the question", (await Browser.ParseAsync(empty)).One("form[action*='handler=Ask']").TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Questions.CountAsync()));
    }
}
