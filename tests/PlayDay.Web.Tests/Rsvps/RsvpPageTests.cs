using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Rsvps;

/// <summary>"Are you coming?" on the play day page: every signed-in person answers; organizers see the headcount.</summary>
public sealed class RsvpPageTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private const string RsvpForm = "form.rsvp-choices";

    public static Task<HttpResponseMessage> AnswerAsync(Browser browser, int id, string answer) =>
        browser.SubmitAsync($"/playdays/{id}", new() { ["answer"] = answer }, RsvpForm);

    /// <summary>The headcount an organizer sees: Going, Maybe, NotGoing and none (no answer yet), as shown.</summary>
    public static Dictionary<string, int> Headcount(IHtmlDocument page) =>
        page.QuerySelectorAll(".rsvp-count li").ToDictionary(
            li => li.GetAttribute("data-answer")!,
            li => int.Parse(li.QuerySelector("strong")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The names listed under one answer ("Going", "Maybe", "NotGoing", "none").</summary>
    public static List<string> Names(IHtmlDocument page, string answer) =>
        page.QuerySelectorAll($".rsvp-names[data-answer='{answer}'] .rsvp-name").Select(n => n.TextContent.Trim()).ToList();

    private async Task<(Browser Organizer, int Id)> ScheduledAsync()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        return (organizer, await PlayDayForms.ScheduleAsync(organizer));
    }

    [Fact]
    public async Task Anyone_signed_in_answers_on_the_play_day_page_changes_their_mind_and_the_organizer_sees_names_and_headcount()
    {
        var (organizer, id) = await ScheduledAsync();
        await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "Priya@Example.test, quinn@example.test, rosa@example.test" });
        var sam = await Browser.RegisteredAsync(_app, "Sam Uninvited", "sam@example.test");
        var priya = await Browser.RegisteredAsync(_app, "Priya Raman", "priya@example.test");

        var before = await sam.GetPageAsync($"/playdays/{id}");
        Assert.Contains("You have not answered yet.", before.One(".rsvp-mine").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Going", "Maybe", "NotGoing"], before.QuerySelectorAll($"{RsvpForm} button[name=answer]").Select(b => b.GetAttribute("value")));

        var answered = await AnswerAsync(sam, id, "Going");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal($"/playdays/{id}", answered.LocationPath());
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(sam, id, "Maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(priya, id, "NotGoing")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(organizer, id, "Going")).StatusCode);

        var samPage = await sam.GetPageAsync($"/playdays/{id}");
        Assert.Contains("Your answer: Maybe", samPage.One(".rsvp-mine").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", samPage.One($"{RsvpForm} button[value=Maybe]").GetAttribute("aria-pressed"));
        Assert.Empty(samPage.QuerySelectorAll(".rsvp-count"));

        var page = await organizer.GetPageAsync($"/playdays/{id}");
        Assert.Equal(new Dictionary<string, int> { ["Going"] = 1, ["Maybe"] = 1, ["NotGoing"] = 1, ["none"] = 2 }, Headcount(page));
        Assert.Contains("of 3 invited", page.One(".rsvp-count li[data-answer=none]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Olu Organizer"], Names(page, "Going"));
        Assert.Equal(["Sam Uninvited"], Names(page, "Maybe"));
        // Invited as Priya@Example.test, answered signed in as priya@example.test: one person.
        Assert.Equal(["Priya Raman"], Names(page, "NotGoing"));
        Assert.Equal(["quinn@example.test", "rosa@example.test"], Names(page, "none"));

        var rows = await _app.WithDbAsync(db => db.Rsvps.AsNoTracking().Where(r => r.PlayDayId == id).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(RsvpSource.Site, r.Source));
        Assert.All(rows, r => Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, r.RespondedAtUtc));
        // Answering does not make anyone an invitee (who would get every update by email).
        Assert.Equal(3, await _app.WithDbAsync(db => db.Invitees.CountAsync(i => i.PlayDayId == id)));
    }

    [Fact]
    public async Task Answers_are_refused_with_409_and_a_reason_once_a_play_day_is_cancelled_or_over()
    {
        var (organizer, id) = await ScheduledAsync();
        var past = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: "Soon over", date: "2026-11-20"));
        var sam = await Browser.RegisteredAsync(_app, "Sam Participant", "sam@example.test");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(sam, past, "Going")).StatusCode);
        var form = await sam.GetPageAsync($"/playdays/{id}");
        await organizer.SubmitAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "Office move" });

        // The form was open when the page was loaded; the play day was cancelled since.
        var token = form.One($"{RsvpForm} input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var cancelled = await sam.Client.PostAsync(form.One(RsvpForm).GetAttribute("action"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "Going", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        Assert.Contains("This play day is cancelled", (await Browser.ParseAsync(cancelled)).One(".rsvp .errors").TextContent, StringComparison.Ordinal);
        var page = await sam.GetPageAsync($"/playdays/{id}");
        Assert.Empty(page.QuerySelectorAll(RsvpForm));
        Assert.Contains("cancelled", page.One(".rsvp-closed").TextContent, StringComparison.Ordinal);

        var pastPage = await sam.GetPageAsync($"/playdays/{past}");
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        token = pastPage.One($"{RsvpForm} input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var over = await sam.Client.PostAsync(pastPage.One(RsvpForm).GetAttribute("action"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "NotGoing", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains("This play day is over, so answers are closed.", (await Browser.ParseAsync(over)).One(".rsvp .errors").TextContent, StringComparison.Ordinal);
        var kept = await sam.GetPageAsync($"/playdays/{past}");
        Assert.Contains("Your answer: Going", kept.One(".rsvp-mine").TextContent, StringComparison.Ordinal);
        Assert.Empty(kept.QuerySelectorAll(RsvpForm));
    }

    [Theory]
    [InlineData("Yes")]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("Going,Maybe")]
    public async Task An_answer_other_than_the_three_is_a_400_with_a_reason_and_changes_nothing(string answer)
    {
        var (organizer, id) = await ScheduledAsync();

        var response = await AnswerAsync(organizer, id, answer);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose Going, Maybe or Not going.", (await Browser.ParseAsync(response)).One(".rsvp .errors").TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Rsvps.AnyAsync()));
    }

    [Fact]
    public async Task An_answer_without_the_form_s_antiforgery_token_is_refused()
    {
        var (organizer, id) = await ScheduledAsync();

        var response = await organizer.PostWithoutTokenAsync($"/playdays/{id}?handler=Respond", new() { ["answer"] = "Going" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await _app.WithDbAsync(db => db.Rsvps.AnyAsync()));
    }

    private static readonly string[] RacingAnswers = ["Going", "Maybe", "NotGoing", "Going"];

    [Fact]
    public async Task First_answers_racing_each_other_leave_one_row_for_the_person()
    {
        var (organizer, id) = await ScheduledAsync();
        var page = await organizer.GetPageAsync($"/playdays/{id}");
        var token = page.One($"{RsvpForm} input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var action = page.One(RsvpForm).GetAttribute("action")!;

        var answers = await Task.WhenAll(RacingAnswers.Select(a => organizer.Client.PostAsync(action,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = a, ["__RequestVerificationToken"] = token }))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.PlayDayId == id)));
    }
}
