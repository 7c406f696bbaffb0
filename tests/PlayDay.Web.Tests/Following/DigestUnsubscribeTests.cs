using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Following;
using PlayDay.Web.Tests.Archive;
using PlayDay.Web.Tests.Mail;
using static PlayDay.Web.Tests.Following.FollowingScene;

namespace PlayDay.Web.Tests.Following;

/// <summary>
/// Every digest says how to stop it: a List-Unsubscribe header with one-click POST (RFC 8058) that mail programs turn
/// into their own button, and the same link in the footer. The link turns the digest off without signing in, only
/// on a POST, only for the person it was made for.
/// </summary>
public sealed class DigestUnsubscribeTests
{
    /// <summary>Fay's weekly digest, made and written to the pickup folder: the row and the message as it leaves.</summary>
    private static async Task<(FollowingScene Scene, OutgoingMail Mail, MimeMessage Message)> DigestAsync(PlayDayApp app, string prefix)
    {
        var scene = await ArrangeAsync(app, prefix);
        app.Clock.SetUtcNow(WeekStart.AddDays(2));
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Test Pilots", "Copilot writes tests", "Body.", "copilot");
        app.Clock.SetUtcNow(WeekEnd);
        Assert.Equal(1, (await RoundAsync(app)).Emails);
        await Outbox.SendDueAsync(app);
        var mail = Assert.Single(await DigestMailsToAsync(app, scene.FayEmail));
        mail = await Outbox.MailAsync(app, mail.Id);
        Assert.NotNull(mail.PickupFile);
        return (scene, mail, await MimeMessage.ParseFileAsync(Outbox.PickupPath(app, mail.PickupFile!)));
    }

    private static Task<DigestFrequency?> DigestOfAsync(PlayDayApp app, string email) =>
        app.WithDbAsync(db => db.Followers.Where(f => db.Users.Any(u => u.Id == f.UserId && u.Email == email)).Select(f => f.Digest).SingleOrDefaultAsync());

    [Fact]
    public async Task A_digest_carries_a_one_click_List_Unsubscribe_header_and_the_same_link_in_its_footer()
    {
        using var app = new PlayDayApp();
        var (_, mail, message) = await DigestAsync(app, "header");

        var link = mail.ListUnsubscribe!;
        Assert.StartsWith($"{PlayDayApp.PublicBaseUrl}{DigestUnsubscribeLinks.RoutePrefix}", link, StringComparison.Ordinal);
        // Folded onto its own line by MimeKit (it is long); unfolded, the value is the link in angle brackets.
        Assert.Equal($"<{link}>", message.Headers["List-Unsubscribe"].Trim());
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(link, message.TextOf("text/plain"), StringComparison.Ordinal);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.TextOf("text/html"));
        Assert.Contains(html.QuerySelectorAll("a"), a => a.TextContent == "Stop these emails" && a.GetAttribute("href") == link);
    }

    [Fact]
    public async Task A_mail_programs_one_click_POST_turns_the_digest_off_with_no_cookie_and_no_form_token()
    {
        using var app = new PlayDayApp();
        var (scene, mail, _) = await DigestAsync(app, "oneclick");
        var path = new Uri(mail.ListUnsubscribe!).AbsolutePath;

        using var client = app.CreateBrowser();
        using var posted = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(DigestFrequency.Off, await DigestOfAsync(app, scene.FayEmail));
        var page = await Browser.ParseAsync(posted);
        Assert.Equal("The digest is off", page.One("h1").TextContent);
        Assert.Contains(scene.FayEmail, page.One("main").TextContent, StringComparison.Ordinal);
        // The next week brings no digest.
        await ArchiveData.ShareBackAsync(app, scene.PlayDayId, "Late Crew", "More copilot", "Body.", "copilot", WeekEnd.AddDays(2).UtcDateTime);
        app.Clock.SetUtcNow(WeekEnd.AddDays(7));
        Assert.Equal(0, (await RoundAsync(app)).Emails);
        // Fay's own following page says so.
        var following = await scene.Fay.GetPageAsync(FollowingLinks.ManagePath);
        Assert.Equal("Off", following.One("input[name='Digest']:checked").GetAttribute("value"));
    }

    [Fact]
    public async Task Opening_the_link_only_asks_and_its_button_turns_the_digest_off()
    {
        using var app = new PlayDayApp();
        var (scene, mail, _) = await DigestAsync(app, "ask");
        var path = new Uri(mail.ListUnsubscribe!).AbsolutePath;
        var stranger = new Browser(app.CreateBrowser());

        var (status, page) = await stranger.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Stop the digest emails?", page.One("h1").TextContent);
        Assert.Null(await DigestOfAsync(app, scene.FayEmail));
        using var stopped = await stranger.SubmitAsync(path, [], "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(DigestFrequency.Off, await DigestOfAsync(app, scene.FayEmail));
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public async Task A_link_that_is_not_ours_changes_nothing_and_says_so(string token)
    {
        using var app = new PlayDayApp();
        var (scene, mail, _) = await DigestAsync(app, "forged");
        // Also a real link with one character changed.
        var real = new Uri(mail.ListUnsubscribe!).AbsolutePath;
        var tampered = real[..^1] + (real[^1] == '0' ? '1' : '0');
        using var client = app.CreateBrowser();

        foreach (var path in new[] { DigestUnsubscribeLinks.RoutePrefix + token, tampered })
        {
            using var posted = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            Assert.Equal("Not an unsubscribe link", (await Browser.ParseAsync(posted)).One("h1").TextContent);
        }
        Assert.Null(await DigestOfAsync(app, scene.FayEmail));
    }
}
