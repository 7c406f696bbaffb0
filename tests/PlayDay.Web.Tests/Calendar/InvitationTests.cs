using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Mail;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Calendar;

/// <summary>Invitations with no SMTP server configured: mail lands in the pickup folder as .eml files.</summary>
public sealed class InvitationTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(Browser Organizer, int Id)> ScheduledAsync()
    {
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");
        var fields = PlayDayForms.Fields();
        fields["Input.VideoLink"] = "https://meet.example.test/ai-day";
        return (organizer, await PlayDayForms.ScheduleAsync(organizer, fields));
    }

    private static Task<HttpResponseMessage> InviteAsync(Browser organizer, int id, string addresses, bool everyone = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Addresses"] = addresses };
        if (everyone)
        {
            fields["Input.AllUsers"] = "true";
        }
        return organizer.SubmitAsync($"/playdays/{id}/invite", fields);
    }

    private async Task<List<OutgoingMail>> AllSentAsync(int expected)
    {
        await Eventually.TrueAsync(
            async () => await _app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.PlayDayId != null && m.SentAtUtc != null)) == expected,
            $"{expected} emails to be sent");
        // Play day mail only: registering a second person also mails them a confirmation link.
        return await _app.WithDbAsync(db => db.OutgoingMails.Where(m => m.PlayDayId != null).OrderBy(m => m.Id).ToListAsync());
    }

    private Task<MimeMessage> ReadPickupAsync(OutgoingMail mail) =>
        MimeMessage.ParseFileAsync(Path.Combine(_app.DataDirectory, "mail-pickup", mail.PickupFile!));

    [Fact]
    public async Task Inviting_people_queues_one_REQUEST_email_each_that_lands_in_the_pickup_folder()
    {
        var (organizer, id) = await ScheduledAsync();

        var response = await InviteAsync(organizer, id, "sam@example.test, Priya Raman <priya@example.test>\nSAM@example.test");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mails = await AllSentAsync(2);
        Assert.Equal(["priya@example.test", "sam@example.test"], mails.Select(m => m.To).Order());
        Assert.Equal(2, await _app.WithDbAsync(db => db.Invitees.CountAsync(i => i.PlayDayId == id)));

        var sam = mails.Single(m => m.To == "sam@example.test");
        var message = await ReadPickupAsync(sam);
        Assert.Equal(MimeMessage.InvitationStructure, message.Structure);
        Assert.True(message.OnlyCrlfLineEndings);
        Assert.Equal("sam@example.test", message.To);
        Assert.StartsWith("Invitation: AI Play Day 2026 Q4", message.Subject, StringComparison.Ordinal);
        var text = message.Parts.Single(p => p.ContentType == "text/plain").Text;
        Assert.StartsWith("You're invited to **AI Play Day 2026 Q4** (2026 Q4)", text, StringComparison.Ordinal);
        Assert.Contains("When:  Thu 10 Dec 2026, 13:00–17:00 Europe/Berlin (UTC+1)", text, StringComparison.Ordinal);
        Assert.Contains("= Thu 10 Dec 2026, 12:00–16:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("Join:  https://meet.example.test/ai-day", text, StringComparison.Ordinal);
        Assert.Contains("Theme and brief", text, StringComparison.Ordinal);
        var html = message.Parts.Single(p => p.ContentType == "text/html").Text;
        Assert.Contains("You're invited to <strong>AI Play Day 2026 Q4</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://meet.example.test/ai-day\"", html, StringComparison.Ordinal);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/playdays/{id}", html, StringComparison.Ordinal);

        Assert.Equal("REQUEST", message.Calendar.Params["method"]);
        Assert.Contains("METHOD:REQUEST\r\n", message.Calendar.Text, StringComparison.Ordinal);
        var parsed = await IcalJs.ParseAsync(message.Calendar.Text);
        Assert.Equal("REQUEST", parsed.Method);
        var e = Assert.Single(parsed.Events);
        var playDay = await _app.WithDbAsync(db => db.PlayDays.SingleAsync(p => p.Id == id));
        Assert.Equal(playDay.CalendarUid.ToString(), e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), e.StartUtc);
        Assert.Equal("mailto:playday@example.com", e.Organizer);
        Assert.Equal(["mailto:sam@example.test"], e.Attendees);
        Assert.Contains("RSVP=TRUE", message.Calendar.Text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitation_is_worded_by_the_template_organizers_edit()
    {
        var templates = Directory.CreateTempSubdirectory("playday-templates-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(templates.FullName, "invite.md"), "Come and play at {{title}}, {{quarter}}!");
            using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["PlayDay:TemplatesDirectory"] = templates.FullName });
            var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
            var id = await PlayDayForms.ScheduleAsync(organizer);

            await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = "sam@example.test" });

            await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.SentAtUtc != null)), "the invitation");
            var mail = await app.WithDbAsync(db => db.OutgoingMails.SingleAsync());
            Assert.StartsWith("Come and play at AI Play Day 2026 Q4, 2026 Q4!", mail.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            templates.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Organizers_see_each_email_on_the_play_day_page_and_can_open_the_eml()
    {
        var (organizer, id) = await ScheduledAsync();
        await InviteAsync(organizer, id, "sam@example.test");
        var mail = Assert.Single(await AllSentAsync(1));

        var page = await organizer.GetPageAsync($"/playdays/{id}");

        var row = page.One(".mail-log tbody tr");
        Assert.Contains("sam@example.test", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Written to the pickup folder", row.TextContent, StringComparison.Ordinal);
        var link = row.One("a").GetAttribute("href")!;
        using var eml = await organizer.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("text/calendar", await eml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("1 invited", page.One(".mail").TextContent, StringComparison.Ordinal);
        Assert.NotNull(mail.PickupFile);
    }

    [Fact]
    public async Task Changing_the_time_sends_an_update_with_the_same_UID_a_higher_SEQUENCE_and_a_fresh_DTSTAMP()
    {
        var (organizer, id) = await ScheduledAsync();
        await InviteAsync(organizer, id, "sam@example.test");
        var invitation = Assert.Single(await AllSentAsync(1));
        _app.Clock.Advance(TimeSpan.FromHours(2));

        await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.StartTime"] = "14:00" });

        var update = (await AllSentAsync(2))[1];
        Assert.StartsWith("Updated: ", update.Subject, StringComparison.Ordinal);
        var first = await ReadPickupAsync(invitation);
        var second = await ReadPickupAsync(update);
        Assert.Equal("REQUEST", second.Calendar.Params["method"]);
        var before = Assert.Single((await IcalJs.ParseAsync(first.Calendar.Text)).Events);
        var after = Assert.Single((await IcalJs.ParseAsync(second.Calendar.Text)).Events);
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(1, after.Sequence);
        Assert.Equal(new DateTime(2026, 12, 10, 13, 0, 0, DateTimeKind.Utc), after.StartUtc);
        Assert.Contains("DTSTAMP:20261112T100000Z", first.Calendar.Text, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20261112T120000Z", second.Calendar.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_only_the_brief_sends_nothing_and_keeps_the_sequence()
    {
        var (organizer, id) = await ScheduledAsync();
        await InviteAsync(organizer, id, "sam@example.test");
        await AllSentAsync(1);

        await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.Brief"] = "A new brief." });

        Assert.Equal(1, await _app.WithDbAsync(db => db.OutgoingMails.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.Where(p => p.Id == id).Select(p => p.Sequence).SingleAsync()));
    }

    [Fact]
    public async Task Cancelling_sends_a_CANCEL_with_a_higher_SEQUENCE_to_every_invitee()
    {
        var (organizer, id) = await ScheduledAsync();
        await InviteAsync(organizer, id, "sam@example.test, priya@example.test");
        await AllSentAsync(2);
        await organizer.SubmitAsync($"/playdays/{id}/edit", new() { ["Input.Title"] = "AI Play Day (moved)" });
        await AllSentAsync(4);

        await organizer.SubmitAsync($"/playdays/{id}/cancel", new() { ["Input.Reason"] = "Office move" });

        var cancels = (await AllSentAsync(6)).Where(m => m.CalendarMethod == "CANCEL").ToList();
        Assert.Equal(["priya@example.test", "sam@example.test"], cancels.Select(m => m.To).Order());
        var message = await ReadPickupAsync(cancels[0]);
        Assert.StartsWith("Cancelled: ", message.Subject, StringComparison.Ordinal);
        Assert.Equal("CANCEL", message.Calendar.Params["method"]);
        Assert.Contains("Office move", message.Parts.Single(p => p.ContentType == "text/plain").Text, StringComparison.Ordinal);
        var parsed = await IcalJs.ParseAsync(message.Calendar.Text);
        Assert.Equal("CANCEL", parsed.Method);
        var e = Assert.Single(parsed.Events);
        Assert.Equal("CANCELLED", e.Status);
        Assert.Equal(2, e.Sequence);
        Assert.Equal(0, e.Alarms);
        Assert.Equal("mailto:playday@example.com", e.Organizer);
    }

    [Fact]
    public async Task Malformed_addresses_are_rejected_by_name_and_nobody_is_invited()
    {
        var (organizer, id) = await ScheduledAsync();

        var response = await InviteAsync(organizer, id, "sam@example.test, not-an-address, priya@, @example.test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Browser.ErrorsOn(await Browser.ParseAsync(response)).Single();
        Assert.Contains("These addresses are not valid: not-an-address, priya@, @example.test.", error, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Invitees.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutgoingMails.CountAsync()));
    }

    [Fact]
    public async Task An_empty_invitation_asks_for_addresses()
    {
        var (organizer, id) = await ScheduledAsync();

        var response = await InviteAsync(organizer, id, "  ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter at least one address, or invite everyone with an account.", Browser.ErrorsOn(await Browser.ParseAsync(response)));
    }

    [Fact]
    public async Task Inviting_everyone_invites_every_account_once()
    {
        var (organizer, id) = await ScheduledAsync();
        await Browser.RegisteredAsync(_app, "Pat Participant");
        await InviteAsync(organizer, id, "pat@example.test");

        await InviteAsync(organizer, id, "", everyone: true);

        var mails = await AllSentAsync(2);
        Assert.Equal(["olu@example.test", "pat@example.test"], mails.Select(m => m.To).Order());
    }

    [Fact]
    public async Task Participants_cannot_invite_and_cancelled_play_days_take_no_invitations()
    {
        var (organizer, id) = await ScheduledAsync();
        var participant = await Browser.RegisteredAsync(_app, "Pat Participant");
        var (status, _) = await participant.GetAsync($"/playdays/{id}/invite");
        await organizer.SubmitAsync($"/playdays/{id}/cancel", []);

        var response = await InviteAsync(organizer, id, "sam@example.test");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("This play day is cancelled, so nobody can be invited to it.", Browser.ErrorsOn(await Browser.ParseAsync(response)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Invitees.CountAsync()));
    }
}
