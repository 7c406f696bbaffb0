using System.Net;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Mail;

/// <summary>/mail: organizers see every email that failed or is being retried, site-wide, and can try a failed one again.</summary>
public sealed class MailPageTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> FailedAsync(string to, string reason, int? playDayId = null, int minutesAgo = 0) =>
        Outbox.QueueAsync(_app, to, $"Invitation for {to}", m =>
        {
            m.PlayDayId = playDayId;
            m.Attempts = 5;
            m.LastError = reason;
            m.CreatedAtUtc = m.CreatedAtUtc.AddMinutes(-minutesAgo);
            m.GaveUpAtUtc = _app.Clock.GetUtcNow().UtcDateTime;
        });

    [Fact]
    public async Task Participants_get_403_and_cannot_retry()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var participant = await Browser.RegisteredAsync(_app, "Pat Participant");
        var id = await FailedAsync("sam@example.test", "Connection refused");
        var token = (await participant.GetPageAsync("/")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;

        var (status, _) = await participant.GetAsync("/mail");
        var retry = await participant.PostWithoutTokenAsync($"/mail?handler=Retry&id={id}", new() { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.NotNull((await Outbox.MailAsync(_app, id)).GaveUpAtUtc);
        Assert.Empty((await participant.GetPageAsync("/")).QuerySelectorAll("nav a[href='/mail']"));
        Assert.Single((await organizer.GetPageAsync("/")).QuerySelectorAll("nav a[href='/mail']"));
    }

    [Fact]
    public async Task Organizers_see_failed_and_retrying_mail_of_every_kind_newest_first_with_the_reason()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var playDayId = await PlayDayForms.ScheduleAsync(organizer);
        await FailedAsync("sam@example.test", "The mail server answered 550: No such mailbox here", playDayId, minutesAgo: 10);
        // An account email, tied to no play day, being retried.
        await Outbox.QueueAsync(_app, "priya@example.test", "Confirm your email", m =>
        {
            m.Attempts = 2;
            m.LastError = "Connection refused";
            m.NextAttemptAtUtc = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
        });
        await Outbox.QueueAsync(_app, "waiting@example.test", change: m => m.NextAttemptAtUtc = _app.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        await Outbox.QueueAsync(_app, "sent@example.test", change: m => m.SentAtUtc = _app.Clock.GetUtcNow().UtcDateTime);

        var page = await organizer.GetPageAsync("/mail");

        var rows = page.QuerySelectorAll(".mail-problems tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("priya@example.test", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("⟳ Retrying", rows[0].One(".mail-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("Connection refused", rows[0].One(".mail-reason").TextContent.Trim());
        Assert.Equal("2", rows[0].One(".mail-attempts").TextContent.Trim());
        Assert.Contains("12 Nov, 10:02 UTC", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("none", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(rows[0].QuerySelectorAll("button"));
        Assert.Contains("sam@example.test", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("✗ Failed", rows[1].One(".mail-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("The mail server answered 550: No such mailbox here", rows[1].One(".mail-reason").TextContent.Trim());
        Assert.Equal($"/playdays/{playDayId}", rows[1].One("a").GetAttribute("href"));
        Assert.Equal("Try again now", rows[1].One("button").TextContent.Trim());
    }

    [Fact]
    public async Task Try_again_now_makes_a_failed_message_due_and_it_is_sent()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var id = await FailedAsync("sam@example.test", "Connection refused");

        var response = await organizer.SubmitAsync("/mail", [], $"#mail-{id} form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mail?p=1", response.LocationPath());
        await Eventually.TrueAsync(async () => (await Outbox.MailAsync(_app, id)).SentAtUtc is not null, "the message to be sent again");
        var mail = await Outbox.MailAsync(_app, id);
        Assert.Null(mail.GaveUpAtUtc);
        Assert.Equal(1, mail.Attempts);
        Assert.True(File.Exists(Outbox.PickupPath(_app, mail.PickupFile!)));
        var page = await organizer.GetPageAsync("/mail");
        Assert.Empty(page.QuerySelectorAll(".mail-problems tbody tr"));
    }

    [Fact]
    public async Task Trying_again_a_message_that_has_not_failed_changes_nothing_and_says_why()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var failed = await FailedAsync("sam@example.test", "Connection refused");
        var sent = await Outbox.QueueAsync(_app, "sent@example.test", change: m => m.SentAtUtc = _app.Clock.GetUtcNow().UtcDateTime);
        var token = (await organizer.GetPageAsync("/mail")).One($"#mail-{failed} input[name='__RequestVerificationToken']").GetAttribute("value")!;

        var again = await organizer.PostWithoutTokenAsync($"/mail?handler=Retry&id={sent}", new() { ["__RequestVerificationToken"] = token });
        var missing = await organizer.PostWithoutTokenAsync("/mail?handler=Retry&id=999999", new() { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, (await Outbox.MailAsync(_app, sent)).Attempts);
        var page = await organizer.GetPageAsync("/mail");
        Assert.Contains("The email to sent@example.test was sent meanwhile.", page.One(".notice").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_paged_fifty_at_a_time()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        for (var i = 0; i < 53; i++)
        {
            await FailedAsync($"person{i}@example.test", "Connection refused", minutesAgo: i);
        }

        var first = await organizer.GetPageAsync("/mail");
        var second = await organizer.GetPageAsync(first.One(".pager a[rel=next]").GetAttribute("href")!);

        Assert.Equal(50, first.QuerySelectorAll(".mail-problems tbody tr").Length);
        Assert.Contains("person0@example.test", first.QuerySelectorAll(".mail-problems tbody tr")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("53 emails failed or retrying", first.One(".result-count").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, second.QuerySelectorAll(".mail-problems tbody tr").Length);
        Assert.Contains("person52@example.test", second.QuerySelectorAll(".mail-problems tbody tr")[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync("/mail?p=-4")).Status);
    }
}
