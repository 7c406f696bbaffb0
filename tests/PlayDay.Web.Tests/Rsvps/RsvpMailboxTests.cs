using System.Net;
using System.Text;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlayDay.Web.Health;
using PlayDay.Web.Data;
using PlayDay.Web.Rsvps;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Rsvps;

/// <summary>
/// Calendar replies read from a real IMAP server (dovecot on loopback, one mailbox per test): the
/// app looks every second of its clock, and each test, moving that clock on, waits until the message
/// it put in is marked handled.
/// </summary>
public sealed class RsvpMailboxTests(SharedImapServer shared) : IClassFixture<SharedImapServer>
{
    private ImapServer Imap => shared.Server;

    private const string Handled = ReplyMailboxWorker.HandledKeyword;
    private const string Alice = "alice@example.test";
    private const string Bob = "bob@example.test";
    private const string Chloe = "chloe@example.test";
    private const string Mallory = "mallory@example.test";

    private sealed record Scene(PlayDayApp App, Browser Organizer, int Id, Guid Uid, string Mailbox);

    private static string NewMailbox() => "organizers-" + Guid.NewGuid().ToString("N")[..12];

    private PlayDayApp NewApp(string mailbox, string? dataDirectory = null)
    {
        var settings = Imap.SettingsFor(mailbox);
        settings["Mail:From"] = ReplyMessages.Organizer;
        return new PlayDayApp(dataDirectory, settings: settings);
    }

    /// <summary>A play day with Alice (who has an account), Bob, Chloe and Mallory invited.</summary>
    private static async Task<Scene> SceneAsync(PlayDayApp app, string mailbox)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        var invited = await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = $"{Alice}, {Bob}, {Chloe}, {Mallory}" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        await Browser.RegisteredAsync(app, "Alice Example", Alice);
        var uid = await app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.CalendarUid).SingleAsync());
        return new Scene(app, organizer, id, uid, mailbox);
    }

    /// <summary>The answer held for <paramref name="email"/>; fails, listing what every reply did, when there is none.</summary>
    private static async Task<Rsvp> AnswerOfAsync(Scene scene, string email)
    {
        var normalized = Rsvp.Normalize(email);
        var answer = await scene.App.WithDbAsync(db => db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.PlayDayId == scene.Id && r.NormalizedEmail == normalized));
        if (answer is null)
        {
            Assert.Fail($"No answer for {email}. The replies read:\n" + string.Join("\n", (await RecordsAsync(scene.App)).Select(r => $"{r.From}: {r.Outcome}")));
        }
        return answer;
    }

    private static Task<List<RsvpMail>> RecordsAsync(PlayDayApp app) =>
        app.WithDbAsync(db => db.RsvpMails.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Delivers the message and waits until the app has handled it; returns the flags it ended with.</summary>
    private async Task<MessageFlags> DeliverAsync(Scene scene, string message)
    {
        var uid = await Imap.AppendAsync(scene.Mailbox, message);
        return await Imap.HandledAsync(scene.Mailbox, uid, Handled, scene.App.Clock);
    }

    [Fact]
    public async Task Replies_shaped_as_Outlook_Gmail_and_Apple_Calendar_send_them_count_and_the_organizer_sees_the_headcount()
    {
        var mailbox = NewMailbox();
        using var app = NewApp(mailbox);
        var scene = await SceneAsync(app, mailbox);

        var outlook = await DeliverAsync(scene, ReplyMessages.Outlook(scene.Uid, Alice, "Alice Ä. Example", "ACCEPTED"));
        var gmail = await DeliverAsync(scene, ReplyMessages.Gmail(scene.Uid, Bob, "DECLINED"));
        var apple = await DeliverAsync(scene, ReplyMessages.Apple(scene.Uid, Chloe, "Chloé Martin", "TENTATIVE"));

        // Replies are consumed: read, so they do not pile up in the organizers' unread mail.
        Assert.All([outlook, gmail, apple], flags => Assert.True(flags.HasFlag(MessageFlags.Seen)));
        Assert.Equal(RsvpResponse.Going, (await AnswerOfAsync(scene, Alice)).Response);
        Assert.Equal(RsvpResponse.NotGoing, (await AnswerOfAsync(scene, Bob)).Response);
        var chloe = (await AnswerOfAsync(scene, Chloe));
        Assert.Equal(RsvpResponse.Maybe, chloe.Response);
        Assert.Equal(RsvpSource.CalendarReply, chloe.Source);
        Assert.Equal(ReplyMessages.Stamp, chloe.RespondedAtUtc);
        Assert.Equal(0, chloe.ReplySequence);

        var page = await scene.Organizer.GetPageAsync($"/playdays/{scene.Id}");
        Assert.Equal(new Dictionary<string, int> { ["Going"] = 1, ["Maybe"] = 1, ["NotGoing"] = 1, ["none"] = 1 }, RsvpPageTests.Headcount(page));
        Assert.Equal(["Alice Example"], RsvpPageTests.Names(page, "Going"));
        Assert.Equal([Chloe], RsvpPageTests.Names(page, "Maybe"));
        Assert.Equal([Bob], RsvpPageTests.Names(page, "NotGoing"));
        Assert.Equal([Mallory], RsvpPageTests.Names(page, "none"));
        Assert.Equal(3, page.QuerySelectorAll(".rsvp-mails tbody tr").Length);

        // Alice sees her calendar's answer as hers on the site.
        var alice = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitAsync("/account/login", new() { ["Input.Email"] = Alice, ["Input.Password"] = Browser.Password })).StatusCode);
        var mine = (await alice.GetPageAsync($"/playdays/{scene.Id}")).One(".rsvp-mine").TextContent;
        Assert.Contains("Your answer: Going", mine, StringComparison.Ordinal);
        Assert.Contains("by your calendar's reply", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_for_someone_else_s_address_changes_nothing_for_them()
    {
        var mailbox = NewMailbox();
        using var app = NewApp(mailbox);
        var scene = await SceneAsync(app, mailbox);
        await DeliverAsync(scene, ReplyMessages.Outlook(scene.Uid, Alice, "Alice Example", "ACCEPTED"));

        // Mallory sends Alice's decline, later than Alice's own answer.
        await DeliverAsync(scene, ReplyMessages.Plain($"Mallory <{Mallory}>",
            ReplyMessages.Calendar(scene.Uid, Alice, "DECLINED", sequence: 5, stamp: ReplyMessages.Stamp.AddMinutes(20))));
        // ... and one that answers for herself and for Alice.
        await DeliverAsync(scene, ReplyMessages.Plain(Mallory, ReplyMessages.Calendar(scene.Uid,
            [(Mallory, "ACCEPTED"), (Alice, "DECLINED")], sequence: 5, stamp: ReplyMessages.Stamp.AddMinutes(25))));
        // A From that names two people is nobody's.
        await DeliverAsync(scene, ReplyMessages.Plain($"{Alice}, {Mallory}",
            ReplyMessages.Calendar(scene.Uid, Alice, "DECLINED", sequence: 5, stamp: ReplyMessages.Stamp.AddMinutes(26))));

        var alice = (await AnswerOfAsync(scene, Alice));
        Assert.Equal(RsvpResponse.Going, alice.Response);
        Assert.Equal(ReplyMessages.Stamp, alice.RespondedAtUtc);
        Assert.Equal(RsvpResponse.Going, (await AnswerOfAsync(scene, Mallory)).Response);
        var records = await RecordsAsync(app);
        Assert.Equal(4, records.Count);
        Assert.Contains("the reply came from mallory@example.test; an answer counts only from the attendee's own address", records[1].Outcome, StringComparison.Ordinal);
        Assert.False(records[1].Applied);
        Assert.Contains("mallory@example.test: Going.", records[2].Outcome, StringComparison.Ordinal);
        Assert.Contains("alice@example.test: ignored", records[2].Outcome, StringComparison.Ordinal);
        Assert.Contains("no single From address", records[3].Outcome, StringComparison.Ordinal);
        var page = await scene.Organizer.GetPageAsync($"/playdays/{scene.Id}");
        Assert.Contains("an answer counts only from the attendee's own address", page.One(".rsvp-mails").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_calendars_other_methods_unknown_UIDs_huge_messages_and_ordinary_mail_are_marked_handled_and_change_nothing()
    {
        var mailbox = NewMailbox();
        using var app = NewApp(mailbox);
        var scene = await SceneAsync(app, mailbox);
        var reply = ReplyMessages.Calendar(scene.Uid, Alice, "ACCEPTED");

        var broken = await DeliverAsync(scene, ReplyMessages.Plain(Alice, reply[..reply.IndexOf("END:VEVENT", StringComparison.Ordinal)]));
        var noMethod = await DeliverAsync(scene, ReplyMessages.Plain(Alice, ReplyMessages.Calendar(scene.Uid, Alice, "ACCEPTED", method: "")));
        var request = await DeliverAsync(scene, ReplyMessages.Plain(Alice, ReplyMessages.Calendar(scene.Uid, Alice, "ACCEPTED", method: "REQUEST"),
            contentType: "text/calendar; charset=utf-8; method=REQUEST"));
        var garbage = await DeliverAsync(scene, ReplyMessages.Plain(Alice, "this is not a calendar\r\n\u0001\u0002 at all\r\n", contentType: "application/ics"));
        var unknown = await DeliverAsync(scene, ReplyMessages.Outlook(Guid.NewGuid(), Alice, "Alice Example", "ACCEPTED"));
        var noAnswer = await DeliverAsync(scene, ReplyMessages.Gmail(scene.Uid, Bob, "NEEDS-ACTION"));
        var uninvited = await DeliverAsync(scene, ReplyMessages.Apple(scene.Uid, "eve@example.test", "Eve", "ACCEPTED"));
        var noUid = await DeliverAsync(scene, ReplyMessages.Plain(Alice, reply.Replace($"UID:{scene.Uid:D}\r\n", "", StringComparison.Ordinal)));
        var padding = new StringBuilder().Insert(0, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234\r\n", 16_000).ToString();
        var huge = await DeliverAsync(scene, ReplyMessages.Plain(Alice, reply + padding));
        var note = await DeliverAsync(scene, ReplyMessages.Note(Alice));

        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync()));
        // What is no calendar reply stays unread for the people who share the mailbox.
        Assert.All([broken, noMethod, request, garbage, huge, note], flags => Assert.False(flags.HasFlag(MessageFlags.Seen)));
        var outcomes = (await RecordsAsync(app)).Select(r => r.Outcome).ToList();
        Assert.True(new[] { unknown, noAnswer, uninvited, noUid }.All(flags => flags.HasFlag(MessageFlags.Seen)), string.Join("\n", outcomes));
        Assert.Equal(8, outcomes.Count); // the huge message and the note are never downloaded
        Assert.Contains("not a valid iCalendar", outcomes[0], StringComparison.Ordinal);
        Assert.Contains("A calendar without METHOD is no reply.", outcomes[1], StringComparison.Ordinal);
        Assert.Contains("METHOD:REQUEST is no reply", outcomes[2], StringComparison.Ordinal);
        Assert.Contains("not a valid iCalendar", outcomes[3], StringComparison.Ordinal);
        Assert.Contains("is no play day's", outcomes[4], StringComparison.Ordinal);
        Assert.Contains("PARTSTAT NEEDS-ACTION is no answer", outcomes[5], StringComparison.Ordinal);
        Assert.Contains("eve@example.test: ignored, not invited", outcomes[6], StringComparison.Ordinal);
        Assert.Contains("A reply without a UID.", outcomes[7], StringComparison.Ordinal);

        // The job is still running, and well: the next good reply counts.
        await DeliverAsync(scene, ReplyMessages.Gmail(scene.Uid, Bob, "ACCEPTED"));
        Assert.Equal(RsvpResponse.Going, (await AnswerOfAsync(scene, Bob)).Response);
        using var health = await app.CreateBrowser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"background-jobs\":{\"status\":\"Healthy\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_read_later_than_a_newer_answer_does_not_overwrite_it()
    {
        var mailbox = NewMailbox();
        using var app = NewApp(mailbox);
        var scene = await SceneAsync(app, mailbox);
        var alice = app.NewBrowser();
        await alice.SubmitAsync("/account/login", new() { ["Input.Email"] = Alice, ["Input.Password"] = Browser.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await RsvpPageTests.AnswerAsync(alice, scene.Id, "Maybe")).StatusCode); // 10:00

        // Written at 09:30, before her answer on the site: read now, it is older.
        await DeliverAsync(scene, ReplyMessages.Outlook(scene.Uid, Alice, "Alice Example", "ACCEPTED"));
        Assert.Equal(RsvpResponse.Maybe, (await AnswerOfAsync(scene, Alice)).Response);

        // An hour later she declines the updated invitation (SEQUENCE 1) in her calendar: that counts.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await DeliverAsync(scene, ReplyMessages.Gmail(scene.Uid, Alice, "DECLINED", sequence: 1, stamp: ReplyMessages.Stamp.AddMinutes(75)));
        Assert.Equal(RsvpResponse.NotGoing, (await AnswerOfAsync(scene, Alice)).Response);

        // Then an accept of the first invitation (SEQUENCE 0) arrives, stamped later: it answers an outdated invitation.
        await DeliverAsync(scene, ReplyMessages.Apple(scene.Uid, Alice, "Alice Example", "ACCEPTED", sequence: 0, stamp: ReplyMessages.Stamp.AddMinutes(80)));
        var answer = (await AnswerOfAsync(scene, Alice));
        Assert.Equal(RsvpResponse.NotGoing, answer.Response);
        Assert.Equal(1, answer.ReplySequence);
        Assert.Equal(ReplyMessages.Stamp.AddMinutes(75), answer.RespondedAtUtc);
        var records = await RecordsAsync(app);
        Assert.Equal([false, true, false], records.Select(r => r.Applied));
        Assert.Contains("is older than the answer held", records[2].Outcome, StringComparison.Ordinal);

        // Her answer on the site is the newest again.
        Assert.Equal(HttpStatusCode.Redirect, (await RsvpPageTests.AnswerAsync(alice, scene.Id, "Going")).StatusCode);
        Assert.Equal(RsvpResponse.Going, (await AnswerOfAsync(scene, Alice)).Response);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        var mailbox = NewMailbox();
        using var app = NewApp(mailbox);
        var scene = await SceneAsync(app, mailbox);
        var message = ReplyMessages.Gmail(scene.Uid, Bob, "ACCEPTED", messageId: "twice@mail.example.test");
        await DeliverAsync(scene, message);

        var again = await DeliverAsync(scene, message);

        Assert.True(again.HasFlag(MessageFlags.Seen));
        var record = Assert.Single(await RecordsAsync(app));
        Assert.Equal("<twice@mail.example.test>", record.MessageKey);
        Assert.Equal(2, await Imap.CountAsync(mailbox, SearchQuery.HasKeyword(Handled)));
    }

    [Fact]
    public async Task A_message_handled_before_a_restart_is_never_applied_again_even_when_its_mailbox_flag_was_lost()
    {
        var mailbox = NewMailbox();
        var dataDirectory = Directory.CreateTempSubdirectory("playday-test-").FullName;
        var app = NewApp(mailbox, dataDirectory);
        var scene = await SceneAsync(app, mailbox);
        // A terse client: no DTSTAMP and no Date, so the answer counts as given when it is read.
        var terse = ReplyMessages.Plain(Alice, ReplyMessages.Calendar(scene.Uid, [(Alice, "ACCEPTED")]), messageId: "terse@example.test", withDate: false);
        var uid = await Imap.AppendAsync(mailbox, terse);
        await Imap.HandledAsync(mailbox, uid, Handled, app.Clock);
        Assert.Equal(RsvpResponse.Going, (await AnswerOfAsync(scene, Alice)).Response);
        var alice = app.NewBrowser();
        await alice.SubmitAsync("/account/login", new() { ["Input.Email"] = Alice, ["Input.Password"] = Browser.Password });
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await RsvpPageTests.AnswerAsync(alice, scene.Id, "NotGoing")).StatusCode);
        app.Dispose();

        // The database kept the message, but the mailbox lost the mark (say the app stopped right after saving).
        await Imap.UnmarkAsync(mailbox, uid, Handled);
        var restarted = NewApp(mailbox, dataDirectory);
        restarted.Clock.SetUtcNow(app.Clock.GetUtcNow().AddMinutes(5));
        Assert.Single(await RecordsAsync(restarted)); // starts the app: the record survived the restart
        var flags = await Imap.HandledAsync(mailbox, uid, Handled, restarted.Clock);

        Assert.True(flags.HasFlag(MessageFlags.Seen));
        var answer = (await AnswerOfAsync(scene with { App = restarted }, Alice));
        Assert.Equal(RsvpResponse.NotGoing, answer.Response);
        Assert.Equal(RsvpSource.Site, answer.Source);
        Assert.Single(await RecordsAsync(restarted));
        Assert.Equal(1, await Imap.CountAsync(mailbox, SearchQuery.HasKeyword(Handled)));
        restarted.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_mailbox_that_refuses_the_login_fails_the_round_visibly_and_the_site_keeps_working()
    {
        var settings = Imap.SettingsFor(NewMailbox());
        settings["Rsvp:Password"] = "wrong";
        using var app = new PlayDayApp(settings: settings);
        var heartbeats = app.Services.GetRequiredService<JobHeartbeats>();

        await Eventually.TrueAsync(() => Task.FromResult(heartbeats.Snapshot().TryGetValue(ReplyMailboxWorker.JobName, out var beat) && beat.LastError is not null),
            "the RSVP job to report a failed round");

        using var health = await app.CreateBrowser().GetAsync("/healthz");
        var body = await health.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"Degraded\"", body, StringComparison.Ordinal);
        Assert.Contains(ReplyMailboxWorker.JobName, body, StringComparison.Ordinal);
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        await PlayDayForms.ScheduleAsync(organizer);
    }

    [Fact]
    public async Task Without_an_IMAP_host_no_mailbox_is_read()
    {
        using var app = new PlayDayApp();
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        await PlayDayForms.ScheduleAsync(organizer);

        using var health = await app.CreateBrowser().GetAsync("/healthz");
        Assert.DoesNotContain(ReplyMailboxWorker.JobName, await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.Services.GetRequiredService<JobHeartbeats>().Snapshot().ContainsKey(ReplyMailboxWorker.JobName));
    }

    [Theory]
    [InlineData("Rsvp:ImapPort", "0", "Rsvp:ImapPort 0 is not a port number.")]
    [InlineData("Rsvp:ImapHost", "imap example", "Rsvp:ImapHost “imap example” is not a host name or address.")]
    [InlineData("Rsvp:PollSeconds", "0", "Rsvp:PollSeconds must be between 1 and 86400.")]
    [InlineData("Rsvp:Folder", " ", "Rsvp:Folder must name a folder")]
    public void Invalid_mailbox_settings_stop_the_start_naming_the_key(string key, string value, string message)
    {
        var settings = Imap.SettingsFor(NewMailbox());
        settings[key] = value;
        using var app = new PlayDayApp(settings: settings);

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateBrowser());

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
