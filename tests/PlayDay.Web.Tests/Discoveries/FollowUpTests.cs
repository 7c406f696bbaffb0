using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Health;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.Mail;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Discoveries;

/// <summary>
/// Follow-up emails some weeks after a play day: sent once when due (never before, never twice,
/// whatever restarts and second instances do), and their one-use link, which opens the outcome form
/// without signing in.
/// </summary>
public sealed partial class FollowUpTests(SharedSmtpServer shared) : IClassFixture<SharedSmtpServer>
{
    /// <summary>The play day of <see cref="PlayDayForms.Fields"/>: 10 December 2026, 13:00–17:00 in Berlin, so it ends at 16:00 UTC.</summary>
    private static readonly DateTimeOffset PlayDayEnd = new(2026, 12, 10, 16, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset TwoWeeksDue = PlayDayEnd.AddDays(14);

    /// <summary>The worker runs only when a test calls it: each round is the test's own.</summary>
    private static Dictionary<string, string> Manual(Dictionary<string, string>? more = null) => new(more ?? [])
    {
        ["FollowUps:Enabled"] = "false",
    };

    /// <summary>The worker on its own, looking every second.</summary>
    private static Dictionary<string, string> Running(Dictionary<string, string>? more = null) => new(more ?? [])
    {
        ["FollowUps:Enabled"] = "true",
        ["FollowUps:PollSeconds"] = "1",
    };

    private Dictionary<string, string> Smtp() => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = shared.Server.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "playday@example.test",
    };

    /// <summary>What a test works with: the play day, the team "Prompt Pirates" (Tess and Rey) and its share-back.</summary>
    private sealed record Scene(Browser Organizer, Browser Tess, Browser Other, int PlayDayId, int TeamId, int ShareBackId, string TessEmail, string ReyEmail);

    /// <summary>A play day with one team of two and its share-back, arranged through the front door; each test's addresses are its own.</summary>
    private static async Task<Scene> ArrangeAsync(PlayDayApp app, string prefix)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer", $"{prefix}-olu@example.test");
        var tessEmail = $"{prefix}-tess@example.test";
        var reyEmail = $"{prefix}-rey@example.test";
        var tess = await Browser.RegisteredAsync(app, "Tess Teammate", tessEmail);
        var rey = await Browser.RegisteredAsync(app, "Rey Reactor", reyEmail);
        var other = await Browser.RegisteredAsync(app, "Otto Other", $"{prefix}-otto@example.test");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        await BoardScene.CreateTeamAsync(tess, id, "Prompt Pirates");
        await tess.SubmitAsync($"/playdays/{id}/teams", new() { ["emails"] = reyEmail }, "form[action*='handler=Invite']");
        using (var accepted = await rey.SubmitAsync($"/playdays/{id}/teams", [], "form[action*='handler=Accept']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        var scene = new BoardScene { App = app, Organizer = organizer, TeamMember = tess, Bystander = other, PlayDayId = id };
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(tess, title: "Ticket summaries in 30 seconds"));
        var teamId = await app.WithDbAsync(db => db.Teams.Where(t => t.PlayDayId == id).Select(t => t.Id).SingleAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == teamId)));
        return new Scene(organizer, tess, other, id, teamId, shareBackId, tessEmail, reyEmail);
    }

    private static Task<int> RoundAsync(PlayDayApp app) =>
        app.Services.GetRequiredService<FollowUpWorker>().SendDueAsync(CancellationToken.None);

    private static Task<List<FollowUpNudge>> NudgesAsync(PlayDayApp app) =>
        app.WithDbAsync(db => db.FollowUpNudges.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    private static Task<int> FollowUpMailsToAsync(PlayDayApp app, string to) =>
        app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == to && m.Subject.StartsWith("What became of")));

    [GeneratedRegex(@"https://playday\.example\.test(/followups/[0-9a-f]+)")]
    private static partial Regex FollowUpLink();

    /// <summary>The path of the follow-up link in the newest follow-up email to <paramref name="to"/>.</summary>
    private static async Task<string> LinkPathAsync(PlayDayApp app, string to)
    {
        var body = await app.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == to && m.Subject.StartsWith("What became of"))
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        var match = FollowUpLink().Match(body);
        Assert.True(match.Success, $"No follow-up link in:\n{body}");
        return match.Groups[1].Value;
    }

    /// <summary>A follow-up sent, and the link in it, for the tests of the link.</summary>
    private static async Task<(Scene Scene, string Link)> SentAsync(PlayDayApp app, string prefix)
    {
        var scene = await ArrangeAsync(app, prefix);
        app.Clock.SetUtcNow(TwoWeeksDue.AddHours(1));
        Assert.Equal(1, await RoundAsync(app));
        return (scene, await LinkPathAsync(app, scene.TessEmail));
    }

    /// <summary>The follow-up emails the SMTP server has for <paramref name="to"/>, once there is one (the account's confirmation came first).</summary>
    private async Task<List<MimeMessage>> FollowUpsReceivedAsync(string to)
    {
        await Eventually.TrueAsync(() => Task.FromResult(shared.Server.MessagesTo(to).Count >= 2), $"a follow-up email to {to}");
        var messages = new List<MimeMessage>();
        foreach (var received in shared.Server.MessagesTo(to))
        {
            messages.Add(await MimeMessage.ParseFileAsync(received.Path));
        }
        return messages.Where(m => m.Subject.StartsWith("What became of", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Signs in again: weeks after the play day, the sign-in of its day has expired.</summary>
    private static async Task<Browser> SignedInAsync(PlayDayApp app, string email)
    {
        var browser = app.NewBrowser();
        using var response = await browser.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Browser.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Fact]
    public async Task A_due_follow_up_reaches_every_team_member_once_through_a_real_SMTP_server()
    {
        using var app = new PlayDayApp(settings: Running(Smtp()));
        var scene = await ArrangeAsync(app, "due");

        app.Clock.SetUtcNow(TwoWeeksDue.AddHours(1));

        var tess = Assert.Single(await FollowUpsReceivedAsync(scene.TessEmail));
        var rey = Assert.Single(await FollowUpsReceivedAsync(scene.ReyEmail));
        Assert.Equal("What became of “Ticket summaries in 30 seconds”?", tess.Subject);
        Assert.Equal(tess.Subject, rey.Subject);
        var text = tess.Parts.First(p => p.ContentType == "text/plain").Text;
        Assert.Contains("2 weeks ago, at AI Play Day 2026 Q4", text, StringComparison.Ordinal);
        Assert.Matches(FollowUpLink(), text);
        Assert.Contains($"https://playday.example.test/sharebacks/{scene.ShareBackId}", text, StringComparison.Ordinal);

        // More rounds come and go: still one nudge, one email each.
        var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();
        var seen = heartbeats.Snapshot()[FollowUpWorker.JobName];
        await Eventually.TrueAsync(() =>
        {
            // The worker waits on the app's clock: a poll interval has to pass on it.
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(!ReferenceEquals(heartbeats.Snapshot()[FollowUpWorker.JobName], seen));
        }, "another follow-up round");
        Assert.Equal(0, await RoundAsync(app));
        var nudge = Assert.Single(await NudgesAsync(app));
        Assert.Equal((scene.TeamId, scene.ShareBackId, 2, TwoWeeksDue.AddHours(1).UtcDateTime), (nudge.TeamId, nudge.ShareBackId, nudge.WeeksAfter, nudge.SentAtUtc));
        await Outbox.SendDueAsync(app);
        Assert.Single(await FollowUpsReceivedAsync(scene.TessEmail));
        Assert.Single(await FollowUpsReceivedAsync(scene.ReyEmail));
        Assert.Equal(0, await FollowUpMailsToAsync(app, "due-otto@example.test"));
    }

    [Fact]
    public async Task Nothing_is_sent_before_a_follow_up_is_due_and_a_follow_up_found_too_late_is_skipped()
    {
        using var app = new PlayDayApp(settings: Manual());
        var scene = await ArrangeAsync(app, "early");

        app.Clock.SetUtcNow(TwoWeeksDue.AddMinutes(-1));
        Assert.Equal(0, await RoundAsync(app));
        Assert.Empty(await NudgesAsync(app));
        Assert.Equal(0, await FollowUpMailsToAsync(app, scene.TessEmail));

        app.Clock.SetUtcNow(TwoWeeksDue);
        Assert.Equal(1, await RoundAsync(app));
        Assert.Equal(2, Assert.Single(await NudgesAsync(app)).WeeksAfter);

        // The app was down from then until 15 days after the 6-week follow-up was due: that one is skipped.
        app.Clock.SetUtcNow(PlayDayEnd.AddDays(42 + 15));
        Assert.Equal(0, await RoundAsync(app));
        Assert.Single(await NudgesAsync(app));
        Assert.Equal(1, await FollowUpMailsToAsync(app, scene.TessEmail));
        var status = await (await SignedInAsync(app, "early-olu@example.test")).GetPageAsync($"/playdays/{scene.PlayDayId}");
        Assert.Equal("SkippedTooLate", status.One($"tr[data-team='{scene.TeamId}'] td[data-weeks='6']").GetAttribute("data-state"));
        Assert.Contains("Skipped", status.One($"tr[data-team='{scene.TeamId}'] td[data-weeks='6']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_on_the_same_database_file_does_not_send_a_follow_up_again()
    {
        var data = Directory.CreateTempSubdirectory("playday-followup-restart-");
        try
        {
            string tessEmail;
            using (var before = new PlayDayApp(data.FullName, settings: Manual()))
            {
                tessEmail = (await ArrangeAsync(before, "restart")).TessEmail;
                before.Clock.SetUtcNow(TwoWeeksDue.AddHours(1));
                Assert.Equal(1, await RoundAsync(before));
            }

            using var after = new PlayDayApp(data.FullName, now: TwoWeeksDue.AddHours(2), settings: Running());
            var heartbeats = after.Services.GetRequiredService<JobHeartbeats>();
            await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(FollowUpWorker.JobName)), "the restarted app's first follow-up round");

            Assert.Null(heartbeats.Snapshot()[FollowUpWorker.JobName].LastError);
            Assert.Equal(0, await RoundAsync(after));
            Assert.Single(await NudgesAsync(after));
            Assert.Equal(1, await FollowUpMailsToAsync(after, tessEmail));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_file_send_each_follow_up_once()
    {
        var data = Directory.CreateTempSubdirectory("playday-followup-twice-");
        try
        {
            using var first = new PlayDayApp(data.FullName, settings: Manual());
            var scene = await ArrangeAsync(first, "twice");
            // A second team, so the instances have more than one nudge to race for.
            await BoardScene.CreateTeamAsync(scene.Other, scene.PlayDayId, "Second Team");
            var board = new BoardScene { App = first, Organizer = scene.Organizer, TeamMember = scene.Other, Bystander = scene.Tess, PlayDayId = scene.PlayDayId };
            await BoardScene.ShareBackIdOf(await board.PostShareBackAsync(scene.Other, title: "Meeting notes nobody reads"));

            using var one = new PlayDayApp(data.FullName, now: TwoWeeksDue.AddHours(1), settings: Running());
            using var two = new PlayDayApp(data.FullName, now: TwoWeeksDue.AddHours(1), settings: Running());
            _ = one.Services;
            _ = two.Services;
            // Both workers run on their own, and each instance is asked for rounds of its own at the same time.
            var sent = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { RoundAsync(one), RoundAsync(two) }));
            foreach (var app in new[] { one, two })
            {
                var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();
                await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().ContainsKey(FollowUpWorker.JobName)), "each instance's own follow-up round");
                Assert.Null(heartbeats.Snapshot()[FollowUpWorker.JobName].LastError);
            }

            var nudges = await NudgesAsync(one);
            Assert.Equal(2, nudges.Count);
            Assert.Equal(2, nudges.Select(n => n.TeamId).Distinct().Count());
            Assert.True(sent.Sum() <= 2, $"the rounds the test asked for claim {sent.Sum()} nudges");
            Assert.Equal(1, await FollowUpMailsToAsync(one, scene.TessEmail));
            Assert.Equal(1, await FollowUpMailsToAsync(one, scene.ReyEmail));
            Assert.Equal(1, await FollowUpMailsToAsync(one, "twice-otto@example.test"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_link_opens_the_outcome_form_without_signing_in_and_works_once()
    {
        using var app = new PlayDayApp(settings: Manual());
        var (scene, link) = await SentAsync(app, "once");
        var first = app.NewBrowser();
        var second = app.NewBrowser();

        using (var opened = await first.Client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Equal("no-referrer", Assert.Single(opened.Headers.GetValues("Referrer-Policy")));
            Assert.True(opened.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            var page = await Browser.ParseAsync(opened);
            Assert.Contains("Ticket summaries in 30 seconds", page.One("h1").TextContent, StringComparison.Ordinal);
            Assert.Contains("Prompt Pirates", page.One("main").TextContent, StringComparison.Ordinal);
            Assert.Contains("AI Play Day 2026 Q4", page.One("main").TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("main form input[name='Report.Outcome'][value='Trying']"));
            Assert.NotNull(page.QuerySelector("main form textarea[name='Report.Note']"));
        }
        var secondToken = await AntiforgeryTokenAsync(second, link);

        using var answered = await first.SubmitAsync(link, new()
        {
            ["Report.Outcome"] = "Trying",
            ["Report.MinutesPerWeekBefore"] = "45",
            ["Report.MinutesPerWeekAfter"] = "10",
            ["Report.Note"] = "Two of us use it every morning.",
        });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(link, answered.LocationPath());
        var thanks = await first.GetPageAsync(link);
        Assert.Equal("Thank you", thanks.One("h1").TextContent.Trim());

        var shareBack = await app.WithDbAsync(db => db.ShareBacks.AsNoTracking().Include(s => s.OutcomeUpdates).SingleAsync(s => s.Id == scene.ShareBackId));
        Assert.Equal((Outcome.Trying, 45, 10), (shareBack.Outcome, shareBack.MinutesPerWeekBefore, shareBack.MinutesPerWeekAfter));
        var update = Assert.Single(shareBack.OutcomeUpdates);
        Assert.True(update.ViaFollowUp);
        Assert.Equal("Prompt Pirates", update.UpdatedBy);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, Assert.Single(await NudgesAsync(app)).AnsweredAtUtc);

        // A second answer with the same link, from a form opened before the first was sent: refused, nothing changes.
        using var again = await second.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = secondToken,
            ["Report.Outcome"] = "Adopted",
        }));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Already answered, thank you", (await Browser.ParseAsync(again)).One("h1").TextContent, StringComparison.Ordinal);
        var (status, reopened) = await app.NewBrowser().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.NotNull(reopened.QuerySelector($"main a[href='/sharebacks/{scene.ShareBackId}']"));
        Assert.Null(reopened.QuerySelector("main form"));
        Assert.Equal(Outcome.Trying, await app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == scene.ShareBackId).Select(s => s.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_a_way_to_sign_in_and_update()
    {
        using var app = new PlayDayApp(settings: Manual(new() { ["FollowUps:LinkDays"] = "21" }));
        var (scene, link) = await SentAsync(app, "expired");
        var browser = app.NewBrowser();
        var token = await AntiforgeryTokenAsync(browser, link);

        app.Clock.SetUtcNow(TwoWeeksDue.AddHours(1).AddDays(21).AddMinutes(1));

        var (status, page) = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("This link has expired", page.One("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Sign in to update it", page.One("main").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"main a[href='/sharebacks/{scene.ShareBackId}']"));
        using var posted = await browser.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Report.Outcome"] = "Trying",
        }));
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Null(Assert.Single(await NudgesAsync(app)).AnsweredAtUtc);
        Assert.Equal(Outcome.Shared, await app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == scene.ShareBackId).Select(s => s.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task A_tampered_or_made_up_link_is_a_404_that_says_so_never_an_error()
    {
        using var app = new PlayDayApp(settings: Manual());
        var (_, link) = await SentAsync(app, "tampered");
        var hex = link["/followups/".Length..];
        var flipped = hex[..20] + (hex[20] == '0' ? '1' : '0') + hex[21..];
        var browser = app.NewBrowser();
        var token = await AntiforgeryTokenAsync(browser, link);

        foreach (var bad in new[] { flipped, hex[..^2], hex + "00", "not-a-link", "ZZ", new string('a', 3000), hex.ToUpperInvariant().Replace('0', 'G') })
        {
            var (status, page) = await browser.GetAsync($"/followups/{bad}");
            Assert.True(status == HttpStatusCode.NotFound, $"GET of a bad link ({bad[..Math.Min(bad.Length, 30)]}…) answered {(int)status}");
            Assert.Contains("Not a follow-up link", page.One("h1").TextContent, StringComparison.Ordinal);
            using var posted = await browser.Client.PostAsync($"/followups/{bad}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Report.Outcome"] = "Trying",
            }));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }
        Assert.Null(Assert.Single(await NudgesAsync(app)).AnsweredAtUtc);
    }

    [Fact]
    public async Task Mistakes_in_the_form_show_it_again_with_the_reason_and_what_was_typed_and_the_link_still_works()
    {
        using var app = new PlayDayApp(settings: Manual());
        var (scene, link) = await SentAsync(app, "mistake");
        var browser = app.NewBrowser();

        using var dropped = await browser.SubmitAsync(link, new() { ["Report.Outcome"] = "Dropped", ["Report.Note"] = "", ["Report.HowMeasured"] = "A stopwatch" });
        Assert.Equal(HttpStatusCode.BadRequest, dropped.StatusCode);
        var page = await Browser.ParseAsync(dropped);
        Assert.Contains(Browser.ErrorsOn(page), e => e.Contains("Say why it was dropped", StringComparison.Ordinal));
        Assert.Equal("A stopwatch", page.One("textarea[name='Report.HowMeasured']").TextContent.Trim());
        Assert.NotNull(page.QuerySelector("input[name='Report.Outcome'][value='Dropped'][checked]"));

        using var tooMany = await browser.SubmitAsync(link, new() { ["Report.Outcome"] = "Trying", ["Report.MinutesPerWeekBefore"] = "99999999" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains(Browser.ErrorsOn(await Browser.ParseAsync(tooMany)), e => e.Contains("Minutes a week", StringComparison.Ordinal));

        Assert.Null(Assert.Single(await NudgesAsync(app)).AnsweredAtUtc);
        using var fixedUp = await browser.SubmitAsync(link, new() { ["Report.Outcome"] = "Dropped", ["Report.Note"] = "The tickets are too short to summarise." });
        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        Assert.Equal(Outcome.Dropped, await app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == scene.ShareBackId).Select(s => s.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task Organizers_see_each_teams_follow_ups_on_the_play_day_page_and_nobody_else_does()
    {
        using var app = new PlayDayApp(settings: Manual());
        var (scene, link) = await SentAsync(app, "status");
        using (var answered = await app.NewBrowser().SubmitAsync(link, new() { ["Report.Outcome"] = "Adopted" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        var page = await (await SignedInAsync(app, "status-olu@example.test")).GetPageAsync($"/playdays/{scene.PlayDayId}");
        var row = page.One($"#followups-heading ~ table tr[data-team='{scene.TeamId}']");
        Assert.Contains("Prompt Pirates", row.TextContent, StringComparison.Ordinal);
        var twoWeeks = row.One("td[data-weeks='2']");
        Assert.Equal("Answered", twoWeeks.GetAttribute("data-state"));
        Assert.Contains("due 24 Dec 2026", twoWeeks.TextContent, StringComparison.Ordinal);
        Assert.Contains("answered 24 Dec 2026", twoWeeks.TextContent, StringComparison.Ordinal);
        var sixWeeks = row.One("td[data-weeks='6']");
        Assert.Equal("NotYetDue", sixWeeks.GetAttribute("data-state"));
        Assert.Contains("due 21 Jan 2027", sixWeeks.TextContent, StringComparison.Ordinal);

        foreach (var someone in new[] { "status-tess@example.test", "status-otto@example.test" })
        {
            var theirs = await (await SignedInAsync(app, someone)).GetPageAsync($"/playdays/{scene.PlayDayId}");
            Assert.Null(theirs.QuerySelector("#followups-heading"));
            Assert.DoesNotContain("Follow-ups", theirs.One("main").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Follow_up_weeks_that_are_not_one_to_three_ascending_numbers_from_1_to_26_get_a_message_on_the_form()
    {
        using var app = new PlayDayApp(settings: Manual());
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");

        foreach (var (typed, expected) in new[]
        {
            ("6, 2", "from first to last"),
            ("2, 2", "from first to last"),
            ("0", "not a number of weeks from 1 to 26"),
            ("27", "not a number of weeks from 1 to 26"),
            ("1, 2, 3, 4", "one to 3 numbers"),
            ("", "one to 3 numbers"),
            ("two", "not a number of weeks"),
            ("-2", "not a number of weeks"),
        })
        {
            using var response = await organizer.SubmitAsync("/playdays/new", new(PlayDayForms.Fields()) { ["Input.FollowUpWeeks"] = typed });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"“{typed}” answered {(int)response.StatusCode}");
            var page = await Browser.ParseAsync(response);
            var error = page.One("[data-valmsg-for='Input.FollowUpWeeks']").TextContent;
            Assert.True(error.Contains(expected, StringComparison.Ordinal), $"“{typed}”: the message is “{error}”");
            Assert.Equal(typed, page.One("input[name='Input.FollowUpWeeks']").GetAttribute("value"));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.PlayDays.CountAsync()));

        var id = await PlayDayForms.ScheduleAsync(organizer, new(PlayDayForms.Fields()) { ["Input.FollowUpWeeks"] = " 1,  4 " });
        Assert.Equal("1,4", await app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.FollowUpWeeks).SingleAsync()));
        var edit = await organizer.GetPageAsync($"/playdays/{id}/edit");
        Assert.Equal("1, 4", edit.One("input[name='Input.FollowUpWeeks']").GetAttribute("value"));
        using var changed = await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.FollowUpWeeks"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("3", await app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.FollowUpWeeks).SingleAsync()));
    }

    private static async Task<string> AntiforgeryTokenAsync(Browser browser, string url)
    {
        var page = await browser.GetPageAsync(url);
        return page.One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
    }
}
