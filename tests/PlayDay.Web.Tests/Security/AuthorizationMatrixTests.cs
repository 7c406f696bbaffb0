using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Board;
using static PlayDay.Web.Tests.Security.Expect;

namespace PlayDay.Web.Tests.Security;

public enum Expect
{
    Allow,
    Deny,
}

/// <summary>
/// Every page handler, endpoint and hub method × every role × every play day state, with the
/// expected allow or deny written out here, independently of the app's own rules. A row is needed
/// for everything the app answers: a new endpoint without one fails
/// <see cref="Every_endpoint_page_handler_and_hub_method_has_a_row"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    private const PlayDayState Upcoming = PlayDayState.Upcoming;
    private const PlayDayState Live = PlayDayState.Live;
    private const PlayDayState Past = PlayDayState.Past;
    private const PlayDayState Cancelled = PlayDayState.Cancelled;

    /// <summary>What one cell does: the role's browser (a fork of it for writes), the play day of the state.</summary>
    private sealed record Cell(MatrixWorld World, Role Role, Browser Browser, StatePlayDay PlayDay);

    /// <summary>One way of calling one surface key, and who may.</summary>
    private sealed record Case(string Key, string Name, bool Writes, Func<Cell, Task<HttpStatusCode>> Send, Func<Role, PlayDayState, Expect> Expected,
        HttpStatusCode[]? AlsoAllowed = null, HttpStatusCode[]? AlsoDenied = null);

    // Who may, as plain rules.
    private static Expect Anyone(Role r, PlayDayState s) => Allow;
    private static Expect SignedIn(Role r, PlayDayState s) => r == Role.Anonymous ? Deny : Allow;
    private static Expect Organizers(Role r, PlayDayState s) => r == Role.Organizer ? Allow : Deny;
    private static Func<Role, PlayDayState, Expect> Only(Role[] roles, params PlayDayState[] states) =>
        (r, s) => roles.Contains(r) && states.Contains(s) ? Allow : Deny;
    private static readonly Role[] Everyone = [Role.Participant, Role.OtherTeam, Role.TeamMember, Role.Organizer];
    private static readonly Role[] Team = [Role.TeamMember, Role.Organizer];

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> Get(Cell c, string url)
    {
        using var response = await c.Browser.Client.GetAsync(url);
        return Classify(response);
    }

    private static async Task<HttpStatusCode> Post(Cell c, string url, Dictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await TokenAsync(c) };
        using var response = await c.Browser.Client.PostAsync(url, new FormUrlEncodedContent(values));
        return Classify(response);
    }

    /// <summary>The antiforgery token of the role's session (tokens are per person, not per form).</summary>
    private static async Task<string> TokenAsync(Cell c)
    {
        var page = c.Role == Role.Anonymous ? "/account/login" : "/me";
        return (await c.Browser.GetPageAsync(page)).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
    }

    /// <summary>A redirect to the sign-in page is a denial (401 in all but name).</summary>
    private static HttpStatusCode Classify(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            && response.Headers.Location?.OriginalString.Contains("/account/login?", StringComparison.OrdinalIgnoreCase) == true
            ? HttpStatusCode.Unauthorized
            : response.StatusCode;

    private static async Task<HttpStatusCode> Hub(Cell c, string method)
    {
        var (client, refused) = await BoardScreen.TryConnectAsync(c.World.App, c.Role == Role.Anonymous ? null : c.Browser);
        if (client is null)
        {
            return refused ?? HttpStatusCode.InternalServerError;
        }
        await using (client)
        {
            if (method.Length > 0)
            {
                try
                {
                    await client.Connection.InvokeAsync(method, c.PlayDay.Id);
                }
                catch (HubException)
                {
                    return HttpStatusCode.Forbidden;
                }
            }
            return HttpStatusCode.OK;
        }
    }

    private static readonly Case[] Cases =
    [
        // Reading: everything is for people who are signed in; nothing depends on the play day's state.
        new("GET /", "home", false, c => Get(c, "/"), SignedIn),
        new("GET /Index", "home by name", false, c => Get(c, "/Index"), SignedIn),
        new("GET /archive", "archive", false, c => Get(c, "/archive"), SignedIn),
        new("GET /archive/export.zip", "whole archive", false, c => Get(c, "/archive/export.zip"), SignedIn),
        new("GET /search", "search", false, c => Get(c, "/search?q=version"), SignedIn),
        new("GET /search/related", "related share-backs", false, c => Get(c, $"/search/related?text=version&exclude={c.PlayDay.ShareBackId}"), SignedIn),
        new("GET /trends", "trends", false, c => Get(c, "/trends"), SignedIn),
        new("GET /trends.csv", "trends as CSV", false, c => Get(c, "/trends.csv"), SignedIn),
        new("GET /trends.json", "trends as JSON", false, c => Get(c, "/trends.json"), SignedIn),
        new("GET /me", "my page", false, c => Get(c, "/me"), SignedIn),
        new("GET /playdays/{id:int}", "play day", false, c => Get(c, $"/playdays/{c.PlayDay.Id}"), SignedIn),
        new("GET /playdays/{id:int}/teams", "teams", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/teams"), SignedIn),
        new("GET /playdays/{id:int}/board", "board", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board"), SignedIn),
        new("GET /playdays/{id:int}/board/projector", "projector", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board/projector"), SignedIn),
        new("GET /playdays/{id:int}/board?handler=Person", "board, this person's part", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board?handler=Person"), SignedIn),
        new("GET /playdays/{id:int}/board/projector?handler=Person", "projector, this person's part", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board/projector?handler=Person"), SignedIn),
        new("GET /account/person", "a shared page's personal part", false, c => Get(c, "/account/person"), SignedIn),
        new("GET /playdays/{id:int}/board/state", "board state", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board/state"), SignedIn),
        new("GET /playdays/{id:int}/board/qr.png", "QR code", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/board/qr.png"), SignedIn),
        new("GET /playdays/{id:int}/export.zip", "play day export", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/export.zip"), SignedIn),
        new("GET /playdays/{id:int}/invite.ics", "play day .ics", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/invite.ics"), SignedIn),
        new("GET /sharebacks/{id:int}", "permalink", false, c => Get(c, $"/sharebacks/{c.PlayDay.ShareBackId}"), SignedIn),
        new("GET /sharebacks/{id:int}.md", "raw Markdown", false, c => Get(c, $"/sharebacks/{c.PlayDay.ShareBackId}.md"), SignedIn),
        new("GET /api/playdays", "API play days", false, c => Get(c, "/api/playdays"), SignedIn),
        new("GET /api/sharebacks", "API share-backs", false, c => Get(c, "/api/sharebacks?q=version"), SignedIn),
        new("GET /calendar.ics", "site feed", false, c => Get(c, "/calendar.ics"), SignedIn, AlsoDenied: [HttpStatusCode.NotFound]),
        new("GET /calendar/{token}.ics", "personal feed by token", false, c => Get(c, $"/calendar/{c.World.FeedToken}.ics"), Anyone),
        new("GET /feeds/{token}.atom", "Atom feed by token", false, c => Get(c, $"/feeds/{c.World.AtomToken}.atom?tag=chatgpt"), Anyone),
        new("GET /me/following", "following", false, c => Get(c, "/me/following"), SignedIn),
        new("ANY /healthz", "health", false, c => Get(c, "/healthz"), Anyone),
        new("GET /status/{code:int}", "status page", false, c => Get(c, "/status/404"), Anyone),
        new("GET /error", "error page", false, c => Get(c, "/error"), Anyone),

        // Organizers' pages.
        new("GET /playdays/new", "schedule form", false, c => Get(c, "/playdays/new"), Organizers),
        new("GET /playdays/{id:int}/edit", "edit form", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/edit"), Organizers),
        new("GET /playdays/{id:int}/cancel", "cancel form", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/cancel"), Organizers),
        new("GET /playdays/{id:int}/invite", "invite form", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/invite"), Organizers),
        new("GET /playdays/{id:int}/mail/{mailId:int}.eml", "an email as sent", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/mail/{c.PlayDay.MailId}.eml"), Organizers),
        new("GET /people", "people", false, c => Get(c, "/people"), Organizers),
        new("GET /mail", "outbox", false, c => Get(c, "/mail"), Organizers),
        new("GET /friction", "where discoveries get stuck", false, c => Get(c, "/friction"), Organizers),
        new("GET /pulse/themes", "pulse themes across quarters", false, c => Get(c, "/pulse/themes"), Organizers),
        new("GET /playdays/{id:int}/pulse", "the anonymous questions", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/pulse"), SignedIn),
        new("GET /playdays/{id:int}/pulse/results", "the pulse, aggregated", false, c => Get(c, $"/playdays/{c.PlayDay.Id}/pulse/results"), Organizers),
        new("GET /archive/import", "import form", false, c => Get(c, "/archive/import"), Organizers),
        new("GET /archive/deleted", "deleted share-backs", false, c => Get(c, "/archive/deleted"), Organizers),

        // Share-back pages that ask first: the team (or an organizer), while the state allows.
        new("GET /sharebacks/{id:int}/edit", "edit page", false, c => Get(c, $"/sharebacks/{c.PlayDay.ShareBackId}/edit"), Only(Team, Upcoming, Live, Past)),
        new("GET /sharebacks/{id:int}/delete", "delete confirmation", false, c => Get(c, $"/sharebacks/{c.PlayDay.ShareBackId}/delete"),
            (r, s) => r == Role.Organizer || (r == Role.TeamMember && s != Cancelled) ? Allow : Deny),

        // Accounts: open to everyone (a signed-in person may use them too).
        new("GET /account/login", "sign-in form", false, c => Get(c, "/account/login"), Anyone),
        new("GET /account/register", "registration form", false, c => Get(c, "/account/register"), Anyone),
        new("GET /account/check-inbox", "check your inbox", false, c => Get(c, "/account/check-inbox"), Anyone),
        new("GET /account/forgot", "forgot form", false, c => Get(c, "/account/forgot"), Anyone),
        new("GET /account/resend", "resend form", false, c => Get(c, "/account/resend"), Anyone),
        new("GET /account/reset", "reset form", false, c => Get(c, $"/account/reset?userId={c.World.ParticipantId}&code={Uri.EscapeDataString(c.World.ResetCode)}"), Anyone),
        new("GET /account/confirm", "confirm form", false, c => Get(c, $"/account/confirm?userId={c.World.UnconfirmedUserId}&code={Uri.EscapeDataString(c.World.UnconfirmedCode)}"), Anyone),
        new("GET /account/logout", "sign-out link", false, c => Get(c, "/account/logout"), SignedIn),
        new("POST /account/login", "sign in (wrong password)", true, c => Post(c, "/account/login", new() { ["Input.Email"] = "pat@example.test", ["Input.Password"] = "Wrong-password-1" }), Anyone),
        new("POST /account/register", "register", true, c => Post(c, "/account/register", new()
        {
            ["Input.DisplayName"] = "Nova Newcomer", ["Input.Email"] = "nova@example.test", ["Input.Password"] = Browser.Password, ["Input.ConfirmPassword"] = Browser.Password,
        }), Anyone),
        new("POST /account/forgot", "ask for a reset link", true, c => Post(c, "/account/forgot", new() { ["Input.Email"] = "pat@example.test" }), Anyone),
        new("POST /account/resend", "ask for a confirmation link", true, c => Post(c, "/account/resend", new() { ["Input.Email"] = "una@example.test" }), Anyone),
        new("POST /account/reset", "reset with the mailed link", true, c => Post(c, "/account/reset", new()
        {
            ["Input.UserId"] = c.World.ParticipantId, ["Input.Code"] = c.World.ResetCode, ["Input.Password"] = "Another-pass-2", ["Input.ConfirmPassword"] = "Another-pass-2",
        }), Anyone),
        new("POST /account/confirm", "confirm with the password", true, c => Post(c, "/account/confirm", new()
        {
            ["Input.UserId"] = c.World.UnconfirmedUserId, ["Input.Code"] = c.World.UnconfirmedCode, ["Input.Password"] = Browser.Password,
        }), Anyone),
        new("POST /account/logout", "sign out", true, c => Post(c, "/account/logout"), SignedIn),
        // Company sign-in is off in this world (CompanySignInTests turn it on): its button and return page answer 404.
        new("GET /account/external", "company sign-in link (leads to the sign-in page)", false, c => Get(c, "/account/external"), Anyone),
        new("POST /account/external", "start company sign-in", true, c => Post(c, "/account/external"), (r, s) => Deny, AlsoDenied: [HttpStatusCode.NotFound]),
        new("GET /account/external/done", "back from the company provider", false, c => Get(c, "/account/external/done"), (r, s) => Deny, AlsoDenied: [HttpStatusCode.NotFound]),
        new("POST /me?handler=ChangePassword", "change password (wrong current)", true, c => Post(c, "/me?handler=ChangePassword", new()
        {
            ["NewPassword.Current"] = "Wrong-password-1", ["NewPassword.Password"] = "Another-pass-2", ["NewPassword.ConfirmPassword"] = "Another-pass-2",
        }), SignedIn),
        new("POST /me?handler=CreateFeed", "make a feed link", true, c => Post(c, "/me?handler=CreateFeed"), SignedIn),
        new("POST /me?handler=RevokeFeed", "turn the feed off", true, c => Post(c, "/me?handler=RevokeFeed"), SignedIn),
        new("POST /me?handler=CreateApiToken", "make an API token", true, c => Post(c, "/me?handler=CreateApiToken"), SignedIn),
        new("POST /me?handler=RevokeApiToken", "revoke the API token", true, c => Post(c, "/me?handler=RevokeApiToken"), SignedIn),
        new("POST /me/following?handler=Follow", "follow a tool", true, c => Post(c, "/me/following?handler=Follow", new() { ["Tag"] = "chatgpt" }), SignedIn),
        new("POST /me/following?handler=Unfollow", "unfollow a tool", true, c => Post(c, "/me/following?handler=Unfollow", new() { ["Tag"] = "chatgpt" }), SignedIn),
        new("POST /me/following?handler=Digest", "choose the digest", true, c => Post(c, "/me/following?handler=Digest", new() { ["Digest"] = "Daily" }), SignedIn),
        new("POST /me/following?handler=CreateFeed", "make feed links", true, c => Post(c, "/me/following?handler=CreateFeed"), SignedIn),
        new("POST /me/following?handler=RevokeFeed", "turn feed links off", true, c => Post(c, "/me/following?handler=RevokeFeed"), SignedIn),

        // Organizers' writes.
        new("POST /playdays/new", "schedule", true, c => Post(c, "/playdays/new", PlayDays.PlayDayForms.Fields(title: "Scheduled in the matrix", date: "2027-02-11")), Organizers),
        new("POST /playdays/{id:int}/edit", "edit (no change)", true, c => EditPlayDayAsync(c), Only([Role.Organizer], Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/cancel", "cancel", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/cancel", new() { ["Input.Reason"] = "" }), Only([Role.Organizer], Upcoming, Live, Cancelled)),
        new("POST /playdays/{id:int}/invite", "invite", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/invite", new() { ["Input.Addresses"] = "someone.new@example.test" }), Only([Role.Organizer], Upcoming, Live)),
        new("POST /people?handler=Promote", "promote", true, c => Post(c, $"/people?handler=Promote&id={c.World.ParticipantId}"), Organizers),
        new("POST /people?handler=Demote", "demote", true, c => Post(c, $"/people?handler=Demote&id={c.World.ParticipantId}"), Organizers),
        new("POST /mail?handler=Retry", "send again", true, c => Post(c, $"/mail?handler=Retry&id={c.PlayDay.MailId}"), Organizers),
        new("POST /archive/import", "import (no file)", true, c => Post(c, "/archive/import"), Organizers),

        // Teams: open while the play day is; each side consents.
        new("POST /playdays/{id:int}/teams?handler=Create", "create a team", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Create", new() { ["Input.Name"] = "New team", ["Input.Ask"] = "Normal" }),
            Only([Role.Participant, Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Invite", "invite to Owners", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Invite&teamId={c.PlayDay.OwnersTeamId}", new() { ["emails"] = "friend@example.test" }),
            Only(Team, Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Ask", "ask to join Others", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Ask&teamId={c.PlayDay.OthersTeamId}"),
            Only([Role.Participant, Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Accept", "accept the invitation to Owners", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Accept&invitationId={c.PlayDay.InvitationId}"),
            Only([Role.Participant], Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Accept", "approve the request to Others", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Accept&invitationId={c.PlayDay.RequestId}"),
            Only([Role.OtherTeam, Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Decline", "decline the invitation to Owners", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Decline&invitationId={c.PlayDay.InvitationId}"),
            Only([Role.Participant, Role.TeamMember, Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}/teams?handler=Leave", "leave", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/teams?handler=Leave"), Only(Everyone, Upcoming, Live)),

        // The board.
        new("POST /playdays/{id:int}/board/sharebacks", "first post (Others has not posted; Owners has)", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/sharebacks", new()
        {
            ["IdempotencyKey"] = Guid.NewGuid().ToString(), ["Title"] = "Matrix post", ["Body"] = "Body",
        }), Only([Role.OtherTeam], Upcoming, Live)),
        new("POST /playdays/{id:int}/board/sharebacks/{shareBackId:int}", "edit Owners' share-back", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/sharebacks/{c.PlayDay.ShareBackId}", new()
        {
            ["Title"] = "Edited in the matrix", ["Body"] = "Edited", ["BaseVersion"] = I(c.PlayDay.ShareBackVersion),
        }), Only(Team, Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/board/teams/{teamId:int}/reactions", "react to Owners", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/teams/{c.PlayDay.OwnersTeamId}/reactions", new()
        {
            ["kind"] = "WouldUse", ["on"] = "true",
        }), Only(Everyone, Upcoming, Live)),
        new("POST /playdays/{id:int}/board/teams/{teamId:int}/questions", "ask Owners a question", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/teams/{c.PlayDay.OwnersTeamId}/questions", new()
        {
            ["text"] = "Does it work in German?",
        }), Only(Everyone, Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/board/questions/{questionId:int}/votes", "vote for the question", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/questions/{c.PlayDay.QuestionId}/votes", new() { ["on"] = "true" }),
            Only(Everyone, Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/board/questions/{questionId:int}/answer", "answer Owners' question", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/questions/{c.PlayDay.QuestionId}/answer", new() { ["text"] = "Ten minutes." }),
            Only(Team, Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/board/questions/{questionId:int}/remove", "take the participant's question down", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/questions/{c.PlayDay.QuestionId}/remove"),
            (r, s) => r is Role.Participant or Role.Organizer ? Allow : Deny),
        new("POST /playdays/{id:int}/board/questions/{questionId:int}/show", "show the question on the projector", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/questions/{c.PlayDay.QuestionId}/show", new() { ["on"] = "true" }),
            Only([Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}?handler=Respond", "answer: going", true, c => Post(c, $"/playdays/{c.PlayDay.Id}?handler=Respond", new() { ["answer"] = "Going" }),
            Only(Everyone, Upcoming, Live)),
        new("POST /playdays/{id:int}/board/control", "start the share-backs", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/control", new() { ["action"] = "start" }),
            Only([Role.Organizer], Upcoming, Live)),
        new("POST /playdays/{id:int}/board/queue", "skip a team", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/board/queue", new() { ["action"] = "skip", ["teamId"] = I(c.PlayDay.OwnersTeamId) }),
            Only([Role.Organizer], Upcoming, Live)),

        // Share-backs in the archive.
        new("POST /sharebacks/{id:int}/edit", "edit from the archive", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}/edit", new()
        {
            ["Input.Title"] = "Edited in the archive", ["Input.Body"] = "Edited", ["Input.BaseVersion"] = I(c.PlayDay.ShareBackVersion),
        }), Only(Team, Upcoming, Live, Past)),
        new("POST /sharebacks/{id:int}/delete", "delete", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}/delete"),
            (r, s) => r == Role.Organizer || (r == Role.TeamMember && s != Cancelled) ? Allow : Deny),
        new("POST /sharebacks/{id:int}?handler=Undelete", "restore (not deleted: nothing to do)", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Undelete"), Organizers),
        new("POST /sharebacks/{id:int}?handler=Restore", "bring back the first version", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Restore&revisionId={c.PlayDay.RevisionId}"), Organizers),

        // What became of the discovery: told after the day, for months.
        new("POST /sharebacks/{id:int}?handler=Report", "report figures", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Report", new()
        {
            ["Report.Outcome"] = "Trying", ["Report.MinutesPerWeekBefore"] = "60", ["Report.MinutesPerWeekAfter"] = "20",
        }), Only(Team, Live, Past)),
        new("POST /sharebacks/{id:int}?handler=Adopt", "I want to try this", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Adopt&stage=try", new()
        {
            ["AdopterTeam"] = "Finance operations",
        }), Only([Role.Participant, Role.OtherTeam, Role.Organizer], Live, Past)),
        new("POST /sharebacks/{id:int}?handler=Blocker", "record what slows it down (Trying since the row above)", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Blocker", new()
        {
            ["BlockerKind"] = "Approval",
        }), Only(Team, Live, Past)),
        new("POST /sharebacks/{id:int}?handler=ClearBlocker", "clear a blocker that is not there", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=ClearBlocker&blockerId=987654"),
            (r, s) => Deny, AlsoDenied: [HttpStatusCode.NotFound]),
        new("POST /sharebacks/{id:int}?handler=Ask", "ask from the permalink", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Ask", new()
        {
            ["QuestionText"] = "Does it work in German?",
        }), Only(Everyone, Upcoming, Live, Past)),
        new("POST /sharebacks/{id:int}?handler=Answer", "answer from the permalink", true, c => Post(c, $"/sharebacks/{c.PlayDay.ShareBackId}?handler=Answer&questionId={c.PlayDay.QuestionId}", new()
        {
            ["AnswerText"] = "Yes, in German too.",
        }), Only(Team, Upcoming, Live, Past)),

        // The follow-up email's link stands in for signing in, for its one share-back, while outcomes may be reported.
        new("GET /followups/{token}", "follow-up form", false, c => Get(c, c.World.FollowUpLinks[c.PlayDay.State]), Anyone),
        new("POST /followups/{token}", "report through the follow-up link", true, c => Post(c, c.World.FollowUpLinks[c.PlayDay.State], new() { ["Report.Outcome"] = "Trying" }),
            (r, s) => s is Live or Past ? Allow : Deny),

        // A digest's unsubscribe link stands in for signing in, for turning that person's digest off (mail programs POST it with no cookie).
        new("GET /unsubscribe/{token}", "unsubscribe page", false, c => Get(c, c.World.UnsubscribePath), Anyone),
        new("POST /unsubscribe/{token}", "one-click unsubscribe", true, c => Post(c, c.World.UnsubscribePath, new() { ["List-Unsubscribe"] = "One-Click" }), Anyone),

        // The anonymous pulse: anyone answers, once per moment, while the play day is not cancelled.
        new("POST /playdays/{id:int}/pulse", "answer the pulse", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/pulse", new() { ["Answers[0]"] = "Less busywork." }),
            Only(Everyone, Upcoming, Live, Past)),
        new("POST /playdays/{id:int}/pulse/results?handler=Questions", "edit the pulse questions", true, c => Post(c, $"/playdays/{c.PlayDay.Id}/pulse/results?handler=Questions", new()
        {
            ["JoiningQuestions"] = "Why are you here?", ["AfterQuestions"] = "What now?",
        }), Organizers),
        new("POST /playdays/{id:int}/pulse/results?handler=Theme", "mark a theme on an answer that is not shown", true,
            c => Post(c, $"/playdays/{c.PlayDay.Id}/pulse/results?handler=Theme&answerId={Guid.Empty}", new() { ["theme"] = "Fear" }), (r, s) => Deny, AlsoDenied: [HttpStatusCode.NotFound]),

        // The hub: any signed-in screen follows any board; it changes nothing.
        new("HUB /hubs/board", "connect", false, c => Hub(c, ""), SignedIn),
        new("HUB /hubs/board/negotiate", "negotiate", false, async c =>
        {
            using var response = await c.Browser.Client.PostAsync("/hubs/board/negotiate?negotiateVersion=1", null);
            return Classify(response);
        }, SignedIn),
        new("INVOKE JoinBoard", "join the board", false, c => Hub(c, "JoinBoard"), SignedIn),
        new("INVOKE LeaveBoard", "leave the board", false, c => Hub(c, "LeaveBoard"), SignedIn),
    ];

    private static async Task<HttpStatusCode> EditPlayDayAsync(Cell c)
    {
        var playDay = await c.World.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PlayDays, p => p.Id == c.PlayDay.Id));
        return await Post(c, $"/playdays/{c.PlayDay.Id}/edit", new()
        {
            ["Input.Version"] = I(playDay.Version),
            ["Input.Title"] = playDay.Title,
            ["Input.Brief"] = playDay.Brief,
            ["Input.Date"] = playDay.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.StartTime"] = playDay.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.EndTime"] = playDay.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.TimeZoneId"] = playDay.TimeZoneId,
            ["Input.Location"] = playDay.Location ?? "",
            ["Input.ShareBackMinutes"] = I(playDay.ShareBackMinutes),
        });
    }

    [Fact]
    public async Task Every_endpoint_page_handler_and_hub_method_has_a_row()
    {
        var surface = await AppSurface.ReadAsync(world.App.Services);
        var rows = Cases.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(surface.Except(rows).ToList() is [], "No row in the authorization matrix for: " + string.Join(", ", surface.Except(rows)));
        Assert.True(rows.Except(surface).ToList() is [], "Rows for what the app no longer answers: " + string.Join(", ", rows.Except(surface)));
    }

    [Fact]
    public async Task Every_role_in_every_play_day_state_is_allowed_or_denied_as_the_matrix_says()
    {
        var failures = new List<string>();
        foreach (var @case in Cases)
        {
            foreach (var state in Enum.GetValues<PlayDayState>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    if (@case.Writes)
                    {
                        await world.RestoreAsync();
                    }
                    var browser = @case.Writes ? world.Fork(role) : world.Browsers[role];
                    var status = await @case.Send(new Cell(world, role, browser, world.PlayDays[state]));
                    var expected = @case.Expected(role, state);
                    var outcome = Outcome(status, @case);
                    if (outcome != expected)
                    {
                        failures.Add($"{@case.Key} [{@case.Name}] as {role} on a {state} play day: expected {expected}, got {(int)status} {status}");
                    }
                }
            }
        }
        await world.RestoreAsync();

        Assert.True(failures.Count == 0, $"{failures.Count} cells differ from the matrix:\n" + string.Join("\n", failures));
    }

    /// <summary>Allowed: any 2xx or 3xx (but a redirect to sign in); denied: 401, 403, 409; anything else (400, 404, 429, 500) is neither and fails.</summary>
    private static Expect? Outcome(HttpStatusCode status, Case @case) => (int)status switch
    {
        _ when @case.AlsoDenied?.Contains(status) == true => Deny,
        _ when @case.AlsoAllowed?.Contains(status) == true => Allow,
        >= 200 and < 400 => Allow,
        401 or 403 or 409 => Deny,
        _ => null,
    };
}
