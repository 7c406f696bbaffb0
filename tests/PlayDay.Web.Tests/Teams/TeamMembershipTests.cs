using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Teams;

/// <summary>Nobody joins a team without its members saying yes, and nobody is added to a team without accepting.</summary>
public sealed class TeamMembershipTests : IDisposable
{
    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<List<string>> MembersOf(string team) => _app.WithDbAsync(db =>
        db.TeamMembers.Where(m => db.Teams.Any(t => t.Id == m.TeamId && t.Name == team)).Select(m => m.User!.DisplayName).OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task Asking_to_join_adds_nobody_until_a_team_member_says_yes()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";

        var ask = await scene.Bystander.SubmitAsync(teamsUrl, [], "form[action*='handler=Ask']");
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Equal(["Tess Teammate"], await MembersOf("Prompt Pirates"));

        // Rey cannot approve his own request; Tess can.
        var selfApproval = await scene.Bystander.PostWithTokenFromAsync(teamsUrl, $"{teamsUrl}?handler=Accept&invitationId=1", []);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        var page = await scene.TeamMember.GetPageAsync(teamsUrl);
        Assert.Equal("Let Rey Reactor join", page.One("form[action*='handler=Accept'] button").TextContent.Trim());
        var approve = await scene.TeamMember.SubmitAsync(teamsUrl, [], "form[action*='handler=Accept']");

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(["Rey Reactor", "Tess Teammate"], await MembersOf("Prompt Pirates"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.TeamInvitations.CountAsync()));
    }

    [Fact]
    public async Task A_crafted_post_cannot_join_a_team_or_accept_someone_elses_invitation()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";
        var teamId = await _app.WithDbAsync(db => db.Teams.Select(t => t.Id).SingleAsync());
        await scene.TeamMember.SubmitAsync(teamsUrl, new() { ["emails"] = "someone.else@example.test" }, "form[action*='handler=Invite']");
        var invitationId = await _app.WithDbAsync(db => db.TeamInvitations.Select(i => i.Id).SingleAsync());

        var oldJoin = await scene.Bystander.PostWithTokenFromAsync(teamsUrl, $"{teamsUrl}?handler=Join&teamId={teamId}", []);
        var foreignAccept = await scene.Bystander.PostWithTokenFromAsync(teamsUrl, $"{teamsUrl}?handler=Accept&invitationId={invitationId}", []);
        var invitedByStranger = await scene.Bystander.PostWithTokenFromAsync(teamsUrl, $"{teamsUrl}?handler=Invite&teamId={teamId}", new() { ["emails"] = "rey@example.test" });

        Assert.NotEqual(HttpStatusCode.Redirect, oldJoin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignAccept.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, invitedByStranger.StatusCode);
        Assert.Equal(["Tess Teammate"], await MembersOf("Prompt Pirates"));
    }

    [Fact]
    public async Task An_invitation_by_email_waits_for_its_owner_who_accepts_it_and_gets_an_email()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";

        var invite = await scene.TeamMember.SubmitAsync(teamsUrl, new() { ["emails"] = "Rey@Example.test" }, "form[action*='handler=Invite']");
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var mail = await _app.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.To == "Rey@Example.test"));
        Assert.Equal("Tess Teammate invited you to the team Prompt Pirates", mail.Subject);
        Assert.Contains($"{PlayDayApp.PublicBaseUrl}/playdays/{scene.PlayDayId}/teams", mail.TextBody, StringComparison.Ordinal);

        var page = await scene.Bystander.GetPageAsync(teamsUrl);
        Assert.Equal("Join Prompt Pirates", page.One("#my-invitations-heading + ul form[action*='handler=Accept'] button").TextContent.Trim());
        var accept = await scene.Bystander.SubmitAsync(teamsUrl, [], "form[action*='handler=Accept']");

        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        Assert.Equal(["Rey Reactor", "Tess Teammate"], await MembersOf("Prompt Pirates"));
    }

    [Fact]
    public async Task Declining_an_invitation_or_a_request_adds_nobody()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";
        await scene.TeamMember.SubmitAsync(teamsUrl, new() { ["emails"] = "rey@example.test" }, "form[action*='handler=Invite']");

        var decline = await scene.Bystander.SubmitAsync(teamsUrl, [], "form[action*='handler=Decline']");
        await scene.Bystander.SubmitAsync(teamsUrl, [], "form[action*='handler=Ask']");
        var refuse = await scene.TeamMember.SubmitAsync(teamsUrl, [], "form[action*='handler=Decline']");

        Assert.Equal(HttpStatusCode.Redirect, decline.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refuse.StatusCode);
        Assert.Equal(["Tess Teammate"], await MembersOf("Prompt Pirates"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.TeamInvitations.CountAsync()));
    }

    [Fact]
    public async Task The_join_button_works_from_the_page_as_rendered()
    {
        // The old "Join" form failed validation on the create form's fields and re-rendered without a message.
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";

        var ask = await scene.Bystander.SubmitAsync(teamsUrl, [], "form[action*='handler=Ask']");
        var page = await scene.Bystander.GetPageAsync(teamsUrl);

        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Contains("You asked to join; waiting for a member to say yes.", page.QuerySelectorAll(".team p").Select(p => p.TextContent.Trim()));
        Assert.Equal("Withdraw my request", page.One("form[action*='handler=Decline'] button").TextContent.Trim());
    }

    [Fact]
    public async Task Teams_of_a_past_play_day_no_longer_change_and_the_page_says_why()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var teamsUrl = $"/playdays/{scene.PlayDayId}/teams";
        var token = await TokenAsync(scene.Bystander, teamsUrl);
        var memberToken = await TokenAsync(scene.TeamMember, teamsUrl);
        var teamId = await _app.WithDbAsync(db => db.Teams.Select(t => t.Id).SingleAsync());
        await _app.WithDbAsync(async db =>
        {
            // The play day took place on Friday 13 November; it is now the 16th.
            var playDay = await db.PlayDays.SingleAsync(p => p.Id == scene.PlayDayId);
            playDay.Reschedule(new PlayDay.Web.Scheduling.PlayDayTimes(new DateOnly(2026, 11, 13), new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
            return await db.SaveChangesAsync();
        });
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));

        var ask = await scene.Bystander.Client.PostAsync($"{teamsUrl}?handler=Ask&teamId={teamId}", Form(token));
        var create = await scene.Bystander.Client.PostAsync($"{teamsUrl}?handler=Create", Form(token, ("Input.Name", "Too late"), ("Input.Ask", "Normal")));
        var leave = await scene.TeamMember.Client.PostAsync($"{teamsUrl}?handler=Leave", Form(memberToken));
        var page = await scene.Bystander.GetPageAsync(teamsUrl);

        Assert.Equal(HttpStatusCode.Conflict, ask.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, create.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
        Assert.Equal("This play day is over, so its teams can no longer change.", page.One(".notice.warning").TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Teams.CountAsync()));
        Assert.Equal(["Tess Teammate"], await MembersOf("Prompt Pirates"));
    }

    private static async Task<string> TokenAsync(Browser browser, string url) =>
        (await browser.GetPageAsync(url)).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
