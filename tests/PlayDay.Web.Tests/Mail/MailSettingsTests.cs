using System.Net;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Mail;

/// <summary>The sender (Mail:From) and the invitations' ORGANIZER (Calendar:OrganizerEmail) are one address unless said otherwise.</summary>
public sealed class MailSettingsTests
{
    private static async Task<string> OrganizerLineAsync(PlayDayApp app)
    {
        var organizer = await Browser.RegisteredAsync(app, "Olu Organizer");
        var id = await PlayDayForms.ScheduleAsync(organizer);
        using var ics = await organizer.Client.GetAsync($"/playdays/{id}/invite.ics");
        var text = (await ics.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        return text.Split("\r\n").Single(l => l.StartsWith("ORGANIZER", StringComparison.Ordinal));
    }

    private static async Task<MimeMessage> SentMessageAsync(PlayDayApp app)
    {
        var id = await Outbox.QueueAsync(app, "sam@example.test");
        await Outbox.SendDueAsync(app);
        return await MimeMessage.ParseFileAsync(Outbox.PickupPath(app, (await Outbox.MailAsync(app, id)).PickupFile!));
    }

    [Fact]
    public async Task The_organizer_follows_Mail_From_when_it_is_not_set()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["Mail:From"] = "events@example.test" });

        Assert.EndsWith(":mailto:events@example.test", await OrganizerLineAsync(app), StringComparison.Ordinal);
        Assert.Contains("events@example.test", (await SentMessageAsync(app)).From, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_From_follows_the_organizer_when_only_that_is_set()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { ["Calendar:OrganizerEmail"] = "team@example.test" });

        Assert.EndsWith(":mailto:team@example.test", await OrganizerLineAsync(app), StringComparison.Ordinal);
        var message = await SentMessageAsync(app);
        Assert.Contains("team@example.test", message.From, StringComparison.Ordinal);
        Assert.EndsWith("@example.test>", message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_addresses_refuse_to_start_with_a_message_that_says_what_to_do()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string>
        {
            ["Mail:From"] = "noreply@example.test",
            ["Calendar:OrganizerEmail"] = "team@example.test",
        });

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateBrowser());

        Assert.Contains("Calendar:OrganizerEmail (team@example.test) differs from Mail:From (noreply@example.test)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Mail:AllowDifferentOrganizer=true", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_addresses_start_when_allowed_on_purpose()
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string>
        {
            ["Mail:From"] = "noreply@example.test",
            ["Calendar:OrganizerEmail"] = "team@example.test",
            ["Mail:AllowDifferentOrganizer"] = "true",
        });

        Assert.EndsWith(":mailto:team@example.test", await OrganizerLineAsync(app), StringComparison.Ordinal);
        Assert.Contains("noreply@example.test", (await SentMessageAsync(app)).From, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mail:From", "not an address", "Mail:From “not an address” is not an email address.")]
    [InlineData("Mail:ServerCertificateThumbprint", "AB:CD", "Mail:ServerCertificateThumbprint must be a SHA-256 thumbprint")]
    [InlineData("Mail:MaxAttempts", "0", "Mail:MaxAttempts must be between 1 and 100.")]
    public void Settings_that_could_only_fail_later_refuse_to_start(string key, string value, string expected)
    {
        using var app = new PlayDayApp(settings: new Dictionary<string, string> { [key] = value, ["Mail:AllowDifferentOrganizer"] = "true" });

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateBrowser());

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_start_and_agree()
    {
        using var app = new PlayDayApp();

        using var health = await app.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.EndsWith(":mailto:playday@example.com", await OrganizerLineAsync(app), StringComparison.Ordinal);
    }
}
