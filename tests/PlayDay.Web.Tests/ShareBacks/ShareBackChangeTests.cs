using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.ShareBacks;

/// <summary>Every accepted change of a share-back is kept: edits name their version, deletes and restores are revisions.</summary>
public sealed class ShareBackChangeTests : IDisposable
{
    private readonly PlayDayApp _app = new(settings: new Dictionary<string, string> { ["Board:PostsPerMinute"] = "1000" });

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> EditAsync(BoardScene scene, Browser browser, int id, int baseVersion, string body) =>
        browser.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/sharebacks/{id}", new()
        {
            ["Title"] = "Ticket summaries",
            ["Tags"] = "chatgpt",
            ["Body"] = body,
            ["BaseVersion"] = baseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private Task<(ShareBack Current, List<ShareBackRevision> Revisions)> HistoryAsync(int id) => _app.WithDbAsync(async db =>
    {
        var current = await db.ShareBacks.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == id);
        return (current, await db.ShareBackRevisions.AsNoTracking().Where(r => r.ShareBackId == id).OrderBy(r => r.Version).ToListAsync());
    });

    [Fact]
    public async Task A_stale_edit_gets_409_with_the_newer_text_and_nothing_is_lost()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, body: "First text"));

        var first = await EditAsync(scene, scene.TeamMember, id, 1, "Tess's edit");
        var stale = await EditAsync(scene, scene.Organizer, id, 1, "Olu's edit, based on the first text");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("Someone saved a newer version (by Tess Teammate)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tess's edit", problem.GetProperty("current").GetProperty("body").GetString());
        Assert.Equal(2, problem.GetProperty("current").GetProperty("version").GetInt32());
        var (current, revisions) = await HistoryAsync(id);
        Assert.Equal("Tess's edit", current.Body);
        Assert.Equal(["First text"], revisions.Select(r => r.Body));

        var deliberate = await EditAsync(scene, scene.Organizer, id, 2, "Olu's edit, after reading Tess's");
        Assert.Equal(HttpStatusCode.OK, deliberate.StatusCode);
        (current, revisions) = await HistoryAsync(id);
        Assert.Equal(["First text", "Tess's edit"], revisions.Select(r => r.Body));
        Assert.Equal(3, current.Version);
    }

    [Fact]
    public async Task An_edit_that_names_no_version_is_refused_with_a_reason()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));

        var response = await scene.TeamMember.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/sharebacks/{id}", new() { ["Title"] = "x", ["Body"] = "y" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The edit does not say which version it was based on; reload and edit again.", await BoardScene.DetailOf(response));
    }

    [Fact]
    public async Task Concurrent_edits_of_one_share_back_lose_no_accepted_edit()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, body: "v1"));
        var token = (await scene.TeamMember.GetPageAsync(scene.BoardUrl)).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;

        // Twenty editors, each reading the version they see and saving on top of it, all at once.
        var edits = Enumerable.Range(1, 20).Select(async n =>
        {
            var bases = new List<int>();
            for (var attempt = 0; attempt < 30; attempt++)
            {
                var version = await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
                using var response = await scene.TeamMember.Client.PostAsync($"{scene.BoardUrl}/sharebacks/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Title"] = "Racing",
                    ["Body"] = $"edit {n}",
                    ["BaseVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"edit {n} answered {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return $"edit {n}";
                }
            }
            return null;
        }).ToList();
        var accepted = (await Task.WhenAll(edits)).Where(b => b is not null).ToList();

        var (current, revisions) = await HistoryAsync(id);
        var kept = revisions.Select(r => r.Body).Append(current.Body).ToList();
        Assert.NotEmpty(accepted);
        Assert.All(accepted, body => Assert.Contains(body, kept));
        Assert.Equal(accepted.Count + 1, kept.Count); // v1 and every accepted edit, each once
        Assert.Equal(Enumerable.Range(1, revisions.Count), revisions.Select(r => r.Version));
    }

    [Fact]
    public async Task Racing_first_posts_by_one_team_give_one_share_back_and_already_posted_never_500()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var page = await scene.TeamMember.GetPageAsync(scene.BoardUrl);
        var token = page.One("input[name='__RequestVerificationToken']").GetAttribute("value")!;

        var posts = Enumerable.Range(0, 12).Select(async n =>
        {
            using var response = await scene.TeamMember.Client.PostAsync($"{scene.BoardUrl}/sharebacks", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["IdempotencyKey"] = Guid.NewGuid().ToString(),
                ["Title"] = $"Post {n}",
                ["Body"] = "Body",
            }));
            return (response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? await BoardScene.DetailOf(response) : "");
        });
        var answers = await Task.WhenAll(posts);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Equal("Prompt Pirates has already posted its share-back; edit it instead.", a.Item2);
        });
        Assert.Equal(1, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
    }

    [Fact]
    public async Task A_delete_asks_first_hides_the_share_back_everywhere_and_an_organizer_restores_it()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, title: "Whiteboard photos to tickets"));

        var confirmation = await scene.TeamMember.GetPageAsync($"/sharebacks/{id}/delete");
        Assert.StartsWith("Delete “Whiteboard photos to tickets”?", confirmation.One("h1").TextContent.Trim(), StringComparison.Ordinal);
        var deleted = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Bystander.GetAsync($"/sharebacks/{id}")).Status);
        Assert.Empty((await scene.Bystander.GetPageAsync("/search?q=whiteboard")).QuerySelectorAll(".search-results h3"));
        Assert.Empty((await scene.Bystander.GetPageAsync("/archive")).QuerySelectorAll(".shareback-list h3"));
        Assert.Equal(0, (await scene.StateAsync()).GetProperty("shareBacks").GetArrayLength());
        var list = await scene.Organizer.GetPageAsync("/archive/deleted");
        Assert.Equal("Whiteboard photos to tickets", list.One(".deleted-list td a").TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await scene.Bystander.GetAsync("/archive/deleted")).Status);

        var restored = await scene.Organizer.SubmitAsync($"/sharebacks/{id}", [], "form[action*='handler=Undelete']");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(["Whiteboard photos to tickets"], (await scene.Bystander.GetPageAsync("/search?q=whiteboard")).QuerySelectorAll(".search-results h3").Select(h => h.TextContent.Trim()));
        var (_, revisions) = await HistoryAsync(id);
        Assert.Equal([RevisionKind.Deleted, RevisionKind.Restored], revisions.Select(r => r.Kind));
        var history = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        Assert.Equal(["version 2 restored by Olu Organizer", "version 1 deleted by Tess Teammate"],
            history.QuerySelectorAll(".revisions > li > p").Select(p => p.TextContent.Split("UTC: ")[1].Trim()));
    }

    [Fact]
    public async Task An_organizer_brings_back_an_earlier_version_and_the_replaced_one_stays_in_the_history()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, body: "The good text"));
        await EditAsync(scene, scene.TeamMember, id, 1, "Vandalised");

        var participantTry = await scene.TeamMember.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Restore&revisionId=1", []);
        var restore = await scene.Organizer.SubmitAsync($"/sharebacks/{id}", [], "form[action*='handler=Restore']");

        Assert.Equal(HttpStatusCode.Forbidden, participantTry.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var (current, revisions) = await HistoryAsync(id);
        Assert.Equal("The good text", current.Body);
        Assert.Equal(["The good text", "Vandalised"], revisions.Select(r => r.Body));
    }

    [Fact]
    public async Task After_the_play_day_only_its_team_or_an_organizer_edits_the_archived_share_back_and_the_member_list_stays()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var id = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember, body: "What we did"));
        var memberToken = (await scene.TeamMember.GetPageAsync($"/sharebacks/{id}/edit")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        var organizerToken = (await scene.Organizer.GetPageAsync($"/sharebacks/{id}/edit")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        var strangerToken = (await scene.Bystander.GetPageAsync("/me")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        await _app.WithDbAsync(async db =>
        {
            var playDay = await db.PlayDays.SingleAsync(p => p.Id == scene.PlayDayId);
            playDay.Reschedule(new PlayDay.Web.Scheduling.PlayDayTimes(new DateOnly(2026, 11, 13), new TimeOnly(13, 0), new TimeOnly(17, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
            return await db.SaveChangesAsync();
        });
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

        async Task<HttpResponseMessage> Edit(Browser browser, string token, string body, int version) =>
            await browser.Client.PostAsync($"/sharebacks/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Title"] = "Archived",
                ["Input.Tags"] = "",
                ["Input.Body"] = body,
                ["Input.BaseVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));

        var stranger = await Edit(scene.Bystander, strangerToken, "Rewritten by a stranger", 1);
        var member = await Edit(scene.TeamMember, memberToken, "Corrected by the team", 1);
        var organizer = await Edit(scene.Organizer, organizerToken, "Tidied by an organizer", 2);
        var teamId = await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Id == id).Select(s => s.TeamId).SingleAsync());
        var react = await scene.Bystander.Client.PostAsync($"{scene.BoardUrl}/teams/{teamId}/reactions",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = strangerToken, ["kind"] = "WouldUse", ["on"] = "true" }));

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, organizer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, react.StatusCode);
        var (current, _) = await HistoryAsync(id);
        Assert.Equal("Tidied by an organizer", current.Body);
        Assert.Equal(["Tess Teammate"], current.MemberList);
    }
}
