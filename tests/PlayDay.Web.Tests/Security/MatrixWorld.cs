using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Board;
using PlayDay.Web.Tests.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Security;

/// <summary>Who is asking, in the authorization matrix.</summary>
public enum Role
{
    Anonymous,
    Participant,
    OtherTeam,
    TeamMember,
    Organizer,
}

/// <summary>One play day of the matrix, in one state, with its teams, share-back and pending invitations.</summary>
public sealed record StatePlayDay(PlayDayState State, int Id, int OwnersTeamId, int OthersTeamId, int ShareBackId, int ShareBackVersion,
    int RevisionId, int InvitationId, int RequestId, int MailId, int QuestionId);

/// <summary>
/// The world the authorization matrix runs in: the real app on loopback, one person per role, and a
/// play day in each state (upcoming, live, past, cancelled), each with the team "Owners" (the team
/// member's, with a posted and once-edited share-back), the team "Others" (the other team's), an
/// invitation for the participant to Owners and the participant's request to join Others. A database
/// snapshot lets each write start from the same world.
/// </summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    public PlayDayApp App { get; } = PlayDayApp.WithRealServer(settings: new Dictionary<string, string>
    {
        ["Board:PostsPerMinute"] = "100000",
        ["Board:ReactionsPerMinute"] = "100000",
        ["Board:MaxConnectionsPerUser"] = "1000",
        ["Board:HubCallsPer10Seconds"] = "100000",
    });

    public Dictionary<Role, Browser> Browsers { get; } = [];
    public Dictionary<PlayDayState, StatePlayDay> PlayDays { get; } = [];
    public string ParticipantId { get; private set; } = "";
    public string FeedToken { get; private set; } = "";
    public string AtomToken { get; private set; } = "";

    /// <summary>The participant's digest unsubscribe link (its path).</summary>
    public string UnsubscribePath { get; private set; } = "";
    public string UnconfirmedUserId { get; private set; } = "";
    public string UnconfirmedCode { get; private set; } = "";
    public string ResetCode { get; private set; } = "";

    /// <summary>Per state, the path of a follow-up link for the Owners' share-back, as the follow-up email carries it.</summary>
    public Dictionary<PlayDayState, string> FollowUpLinks { get; } = [];

    public static readonly Dictionary<Role, (string Name, string Email)> People = new()
    {
        [Role.Organizer] = ("Olu Organizer", "olu@example.test"),
        [Role.TeamMember] = ("Tess Teammate", "tess@example.test"),
        [Role.OtherTeam] = ("Otto Other", "otto@example.test"),
        [Role.Participant] = ("Pat Participant", "pat@example.test"),
    };

    public async Task InitializeAsync()
    {
        foreach (var (role, (name, email)) in People.OrderBy(p => p.Key == Role.Organizer ? 0 : 1))
        {
            Browsers[role] = await Browser.RegisteredAsync(App, name, email);
        }
        Browsers[Role.Anonymous] = App.NewBrowser();
        ParticipantId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "pat@example.test").Select(u => u.Id).SingleAsync());

        var dates = new Dictionary<PlayDayState, string>
        {
            [PlayDayState.Upcoming] = "2026-12-10",
            [PlayDayState.Live] = "2026-12-17",
            [PlayDayState.Past] = "2026-12-24",
            [PlayDayState.Cancelled] = "2026-12-31",
        };
        foreach (var (state, date) in dates)
        {
            PlayDays[state] = await ArrangeAsync(state, date);
        }
        // Live: today (the clock says Thursday 12 November, 10:00 UTC); past: last week.
        await RescheduleAsync(PlayDays[PlayDayState.Live].Id, new DateOnly(2026, 11, 12));
        await RescheduleAsync(PlayDays[PlayDayState.Past].Id, new DateOnly(2026, 11, 5));
        var cancel = await Browsers[Role.Organizer].SubmitAsync($"/playdays/{PlayDays[PlayDayState.Cancelled].Id}/cancel", new() { ["Input.Reason"] = "Matrix" });
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);

        await Browsers[Role.Participant].SubmitAsync("/me", [], "form[action*='handler=CreateFeed']");
        FeedToken = await App.WithDbAsync(db => db.Users.Where(u => u.Id == ParticipantId).Select(u => u.CalendarFeedToken!).SingleAsync());
        await Browsers[Role.Participant].SubmitAsync("/me/following", [], "form[action*='handler=CreateFeed']");
        AtomToken = await App.WithDbAsync(db => db.Followers.Where(f => f.UserId == ParticipantId).Select(f => f.FeedToken!).SingleAsync());
        UnsubscribePath = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<PlayDay.Web.Following.DigestUnsubscribeLinks>(App.Services).Url(ParticipantId).AbsolutePath;

        // Someone who registered but has not confirmed yet, and a reset link for the participant.
        await App.NewBrowser().SubmitAsync("/account/register", new()
        {
            ["Input.DisplayName"] = "Una Unconfirmed",
            ["Input.Email"] = "una@example.test",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });
        var confirm = await Browser.MailedLinkAsync(App, "una@example.test", "/account/confirm");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(confirm.Query);
        (UnconfirmedUserId, UnconfirmedCode) = (query["userId"]!, query["code"]!);
        await App.NewBrowser().SubmitAsync("/account/forgot", new() { ["Input.Email"] = "pat@example.test" });
        ResetCode = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((await Browser.MailedLinkAsync(App, "pat@example.test", "/account/reset")).Query)["code"]!;

        foreach (var (state, playDay) in PlayDays)
        {
            FollowUpLinks[state] = await FollowUpLinkAsync(playDay);
        }

        await Eventually.TrueAsync(() => App.WithDbAsync(db => db.OutgoingMails.AllAsync(m => m.SentAtUtc != null)), "every email of the world is written");
        await SnapshotAsync();
    }

    private async Task<StatePlayDay> ArrangeAsync(PlayDayState state, string date)
    {
        var organizer = Browsers[Role.Organizer];
        var id = await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: $"Matrix {state}", date: date));
        await BoardScene.CreateTeamAsync(Browsers[Role.TeamMember], id, "Owners");
        await BoardScene.CreateTeamAsync(Browsers[Role.OtherTeam], id, "Others");
        var scene = new BoardScene { App = App, Organizer = organizer, TeamMember = Browsers[Role.TeamMember], Bystander = Browsers[Role.Participant], PlayDayId = id };
        var shareBackId = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(Browsers[Role.TeamMember], body: "First version"));
        var edit = await Browsers[Role.TeamMember].SubmitAsync($"/sharebacks/{shareBackId}/edit", new() { ["Input.Body"] = "Second version" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        await Browsers[Role.TeamMember].SubmitAsync($"/playdays/{id}/teams", new() { ["emails"] = "pat@example.test" }, "form[action*='handler=Invite']");
        await Browsers[Role.Participant].SubmitAsync($"/playdays/{id}/teams", [], "form[action*='handler=Ask'][action*='teamId=" + await TeamIdAsync(id, "Others") + "']");
        await organizer.SubmitAsync($"/playdays/{id}/invite", new() { ["Input.Addresses"] = $"guest-{state}@example.test" });
        // The participant asks Owners a question.
        var owners = await TeamIdAsync(id, "Owners");
        using (var asked = await Browsers[Role.Participant].PostWithTokenFromAsync($"/playdays/{id}/board", $"/playdays/{id}/board/teams/{owners}/questions", new() { ["text"] = "How long did it take?" }))
        {
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        }
        // The discovery is being tried (as if reported after the day), so what slows it down can be recorded.
        await App.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == shareBackId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Outcome, Outcome.Trying)));
        return await App.WithDbAsync(async db => new StatePlayDay(
            state,
            id,
            await db.Teams.Where(t => t.PlayDayId == id && t.Name == "Owners").Select(t => t.Id).SingleAsync(),
            await db.Teams.Where(t => t.PlayDayId == id && t.Name == "Others").Select(t => t.Id).SingleAsync(),
            shareBackId,
            await db.ShareBacks.Where(s => s.Id == shareBackId).Select(s => s.Version).SingleAsync(),
            await db.ShareBackRevisions.Where(r => r.ShareBackId == shareBackId).Select(r => r.Id).SingleAsync(),
            await db.TeamInvitations.Where(i => i.PlayDayId == id && i.Kind == InvitationKind.Invitation).Select(i => i.Id).SingleAsync(),
            await db.TeamInvitations.Where(i => i.PlayDayId == id && i.Kind == InvitationKind.Request).Select(i => i.Id).SingleAsync(),
            await db.OutgoingMails.Where(m => m.PlayDayId == id && m.CalendarMethod != null).Select(m => m.Id).FirstAsync(),
            await db.Questions.Where(q => q.PlayDayId == id).Select(q => q.Id).SingleAsync()));
    }

    /// <summary>A follow-up nudge for the Owners, as the follow-up worker writes it, and its signed link.</summary>
    private async Task<string> FollowUpLinkAsync(StatePlayDay playDay)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var nudge = new FollowUpNudge
        {
            PlayDayId = playDay.Id, TeamId = playDay.OwnersTeamId, ShareBackId = playDay.ShareBackId, WeeksAfter = 2, SentAtUtc = now, LinkId = Guid.NewGuid(),
        };
        await App.WithDbAsync(db =>
        {
            db.FollowUpNudges.Add(nudge);
            return db.SaveChangesAsync();
        });
        var links = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PlayDay.Web.Discoveries.FollowUpLinks>(App.Services);
        return links.Url(links.Protect(new(nudge.Id, nudge.LinkId, now.AddDays(21)))).AbsolutePath;
    }

    private Task<int> TeamIdAsync(int playDayId, string name) =>
        App.WithDbAsync(db => db.Teams.Where(t => t.PlayDayId == playDayId && t.Name == name).Select(t => t.Id).SingleAsync());

    private Task<int> RescheduleAsync(int id, DateOnly date) => App.WithDbAsync(async db =>
    {
        var playDay = await db.PlayDays.SingleAsync(p => p.Id == id);
        playDay.Reschedule(new PlayDay.Web.Scheduling.PlayDayTimes(date, new TimeOnly(9, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        return await db.SaveChangesAsync();
    });

    private DatabaseSnapshot? _snapshot;

    private async Task SnapshotAsync() => _snapshot = await DatabaseSnapshot.TakeAsync(App);

    /// <summary>Puts the database back to the world as it was arranged (writes of earlier cells undone).</summary>
    public Task RestoreAsync() => _snapshot!.RestoreAsync();

    /// <summary>A second browser with the same cookies as <paramref name="role"/>'s: for writes that sign in, out or change who is signed in.</summary>
    public Browser Fork(Role role)
    {
        var cookies = new CookieContainer();
        if (Browsers[role].Cookies is { } source)
        {
            foreach (Cookie cookie in source.GetAllCookies())
            {
                cookies.Add(cookie);
            }
        }
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        return new Browser(client, cookies);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
