using System.Net;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Discoveries;

/// <summary>Where scaling stalls: teams say what slows their discovery down; organizers see which blockers recur.</summary>
public sealed class FrictionTests : IDisposable
{
    private readonly PlayDayApp _app = new(now: OutcomeTests.DayBefore);

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> RecordAsync(Browser browser, int id, string kind, string note = "") =>
        browser.SubmitAsync($"/sharebacks/{id}", new() { ["BlockerKind"] = kind, ["BlockerNote"] = note }, "form[action*='handler=Blocker']");

    [Fact]
    public async Task The_team_records_and_clears_blockers_of_a_discovery_under_way_and_organizers_see_which_recur()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);

        // Nothing is under way yet: a shared discovery has no blockers to record.
        Assert.Null((await scene.TeamMember.GetPageAsync($"/sharebacks/{id}")).QuerySelector("form[action*='handler=Blocker']"));
        await OutcomeTests.ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Trying" });

        Assert.Equal(HttpStatusCode.Redirect, (await RecordAsync(scene.TeamMember, id, "SecurityReview", "Needs a review before customer data goes in.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RecordAsync(scene.Organizer, id, "Approval")).StatusCode);
        var page = await scene.Bystander.GetPageAsync($"/sharebacks/{id}");
        Assert.Equal(["Approval", "SecurityReview"], page.QuerySelectorAll("[data-blocker]").Select(b => b.GetAttribute("data-blocker")));
        Assert.Contains("Needs a review before customer data goes in.", page.One("[data-blocker='SecurityReview']").TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Blocker']"));

        var approval = await _app.WithDbAsync(db => db.Blockers.SingleAsync(b => b.Kind == BlockerKind.Approval));
        var clear = await scene.TeamMember.SubmitAsync($"/sharebacks/{id}", [], $"form[action*='blockerId={approval.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        var cleared = await _app.WithDbAsync(db => db.Blockers.AsNoTracking().SingleAsync(b => b.Id == approval.Id));
        Assert.Equal(("Tess Teammate", OutcomeTests.DayAfter.UtcDateTime), (cleared.ClearedBy, cleared.ClearedAtUtc!.Value));

        var friction = await scene.Organizer.GetPageAsync("/friction");
        var rows = friction.QuerySelectorAll("[data-friction] tbody tr").ToList();
        Assert.Equal(["Approval", "SecurityReview"], rows.Select(r => r.GetAttribute("data-kind")).Order());
        Assert.Equal("1", friction.One("[data-kind='SecurityReview'] [data-open]").TextContent);
        Assert.Equal("0", friction.One("[data-kind='Approval'] [data-open]").TextContent);
        Assert.Contains("Ticket summaries in 30 seconds", friction.One("#kind-SecurityReview").ParentElement!.TextContent);
        Assert.DoesNotContain("Tess", friction.One("main").TextContent);
    }

    [Fact]
    public async Task Only_the_team_records_a_blocker_and_something_else_needs_a_note()
    {
        var (scene, id) = await OutcomeTests.PresentedAsync(_app);
        await OutcomeTests.ReportAsync(scene.TeamMember, id, new() { ["Report.Outcome"] = "Adopted" });

        var stranger = await scene.Bystander.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Blocker", new() { ["BlockerKind"] = "Cost" });
        var vague = await RecordAsync(scene.TeamMember, id, "Other");
        var unknown = await scene.TeamMember.PostWithTokenFromAsync($"/sharebacks/{id}", $"/sharebacks/{id}?handler=Blocker", new() { ["BlockerKind"] = "Gremlins" });

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, vague.StatusCode);
        Assert.Contains("“something else” needs a note", (await Browser.ParseAsync(vague)).One("form[action*='handler=Blocker']").TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Blockers.CountAsync()));
    }

    [Fact]
    public async Task The_friction_view_is_for_organizers_and_the_demo_shows_approval_recurring()
    {
        using var demo = new PlayDayApp(seedDemoData: true);
        var maya = demo.NewBrowser();
        await maya.SubmitAsync("/account/login", new() { ["Input.Email"] = "maya@playday.local", ["Input.Password"] = DemoData.Password });
        var sam = demo.NewBrowser();
        await sam.SubmitAsync("/account/login", new() { ["Input.Email"] = "sam@playday.local", ["Input.Password"] = DemoData.Password });

        var friction = await maya.GetPageAsync("/friction");
        var (status, _) = await sam.GetAsync("/friction");

        Assert.Equal("Approval", friction.QuerySelectorAll("[data-friction] tbody tr")[0].GetAttribute("data-kind"));
        Assert.Equal("2", friction.One("[data-kind='Approval'] [data-discoveries]").TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
