using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Templates;

namespace PlayDay.Web.Data;

/// <summary>
/// Fills an empty database with demo accounts and play days (the last four quarters and the next
/// one) so a newcomer sees a living app. Never touches a database that already has data.
/// </summary>
public static class DemoData
{
    public const string Password = "PlayDay-demo-1";

    public static readonly (string Email, string Name, bool Organizer)[] Accounts =
    [
        ("maya@playday.local", "Maya Okafor", true),
        ("sam@playday.local", "Sam Lindqvist", false),
        ("priya@playday.local", "Priya Raman", false),
    ];

    private static readonly (string Theme, string Focus)[] Themes =
    [
        ("Writing and summarising", "Drafting, rewriting and summarising the documents you already write every week."),
        ("Code review with assistants", "Let an assistant take the first pass at reviews, tests and refactors, and see what it misses."),
        ("Data wrangling", "Spreadsheets, exports and one-off queries: where does AI save an afternoon, and where does it make things up?"),
        ("Meetings and follow-ups", "Notes, action items and the follow-up emails nobody enjoys writing."),
        ("Agents for the boring stuff", "Multi-step tasks: can an agent file the ticket, update the doc and tell the team?"),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DataOptions>>().Value.SeedDemoData)
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PlayDayDbContext>();
        if (await db.Users.AnyAsync() || await db.PlayDays.AnyAsync())
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, name, organizer) in Accounts)
        {
            var user = new AppUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
            Check(await users.CreateAsync(user, Password));
            if (organizer)
            {
                Check(await users.AddToRoleAsync(user, Roles.Organizer));
                // The demo organizer is the install's first: nobody who registers later is promoted.
                await FirstOrganizer.TryClaimAsync(db, user, now);
            }
        }

        var zoneId = services.GetRequiredService<IOptions<SchedulingOptions>>().Value.DefaultTimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var brief = services.GetRequiredService<TemplateFiles>().Read(TemplateFiles.PlayDayBrief);
        var organizerName = Accounts[0].Name;

        // Mid-quarter Thursdays: if this quarter's is still ahead it is "the next one", else next quarter's is.
        var quarter = Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)));
        if (Times(quarter, zone).StartsAtUtc <= now)
        {
            quarter = quarter.Next;
        }
        var quarters = new List<Quarter> { quarter };
        for (var i = 0; i < 4; i++)
        {
            quarters.Insert(0, quarters[0].Previous);
        }

        for (var i = 0; i < quarters.Count; i++)
        {
            var (theme, focus) = Themes[i];
            var playDay = new PlayDayEvent
            {
                Title = $"AI Play Day {quarters[i]}: {theme}",
                Brief = $"**Theme: {theme}.** {focus}\n\n{brief}",
                Location = "Atrium, 3rd floor",
                VideoLink = "https://meet.example.com/ai-play-day",
                ShareBackMinutes = PlayDayEvent.DefaultShareBackMinutes,
                CreatedBy = organizerName,
                CreatedAtUtc = now,
            };
            playDay.Reschedule(Times(quarters[i], zone));
            db.PlayDays.Add(playDay);
        }
        await db.SaveChangesAsync();

        await SeedShareBacksAsync(db, users);

        // The next play day already has teams lining up, so its live board has something to show.
        var next = await db.PlayDays.OrderByDescending(p => p.StartsAtUtc).FirstAsync();
        var teams = new (string Name, string Plan, string Email, QueueAsk Ask)[]
        {
            ("Prompt Pirates", "Summarise a week of support tickets into the Monday report.", "sam@playday.local", QueueAsk.Normal),
            ("Sheet Happens", "Clean up the quarterly sales export with an assistant instead of by hand.", "priya@playday.local", QueueAsk.Early),
        };
        for (var i = 0; i < teams.Length; i++)
        {
            var (name, plan, email, ask) = teams[i];
            var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo account {email} is missing.");
            var team = new Team { PlayDayId = next.Id, Name = name, Plan = plan, Ask = ask, QueueBand = Team.BandFor(ask), QueueOrder = i + 1, CreatedAtUtc = now, CreatedBy = member.DisplayName };
            team.Members.Add(new TeamMember { UserId = member.Id, PlayDayId = next.Id, JoinedAtUtc = now });
            db.Teams.Add(team);
        }
        await db.SaveChangesAsync();
    }

    private sealed record DemoShareBack(int Quarter, string Team, string Members, string Title, string Tags, string Body, ReactionKind[] Reactions);

    private static readonly DemoShareBack[] ShareBacks =
    [
        new(0, "Release Notes Crew", "Sam Lindqvist\nJonas Berg", "Release notes from commit logs in 15 minutes", "chatgpt,github",
            "## What we tried\n\nPasting a sprint's merged pull request titles into ChatGPT and asking for customer-facing release notes.\n\n## What worked\n\nThe first draft was 80% usable. Grouping by feature area worked well when we gave it our area names.\n\n## What broke or almost worked\n\nIt made up a \"performance improvement\" nobody shipped. Always check every bullet against a PR.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| time it takes | 2 hours | 15 minutes |\n| quality | inconsistent | consistent tone |\n\n## Try it yourself\n\n1. Export the merged PR titles for the sprint.\n2. Give the model your feature areas and a sample of last release's notes.\n3. Check each bullet against its PR.",
            [ReactionKind.WouldUse, ReactionKind.TryThisWeek]),
        new(0, "Policy Readers", "Priya Raman\nAmal Haddad", "Summarising a 60-page policy: it invented a clause", "claude,pdf",
            "## What we tried\n\nSummarising the new travel policy for the team wiki.\n\n## What worked\n\nThe structure of the summary was good and quick.\n\n## What broke or almost worked\n\nIt stated that economy-plus is allowed on flights over 6 hours. The policy says nothing like it. Asking for a **quote and page number** for every claim fixed it.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| time it takes | half a day | 1 hour, with checking |\n\n## Try it yourself\n\nAlways ask: \"quote the sentence and give the page\".",
            [ReactionKind.GreatFailure, ReactionKind.GreatFailure, ReactionKind.WouldUse]),
        new(1, "Test Pilots", "Sam Lindqvist\nMei Chen", "Copilot wrote our missing unit tests (and two wrong ones)", "copilot,xunit",
            "## What we tried\n\nGenerating unit tests for the invoicing module, which had almost none.\n\n## What worked\n\n31 tests in an afternoon; they found one real rounding bug.\n\n## What broke or almost worked\n\nTwo tests asserted the buggy behaviour as correct. Read every assertion: a generated test can enshrine a bug.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| coverage | 12% | 64% |\n\n## Try it yourself\n\nStart with the functions you understand best, so you can judge the assertions.",
            [ReactionKind.WouldUse, ReactionKind.TriedAlready, ReactionKind.TryThisWeek]),
        new(1, "Review Buddies", "Priya Raman", "A first-pass review bot: noisy, but it caught a real bug", "chatgpt,github-actions",
            "## What we tried\n\nA pull request check that asks a model for review comments before a human looks.\n\n## What worked\n\nIt caught a missing null check that would have hit production.\n\n## What broke or almost worked\n\nMost comments were style nits we already lint for. We now tell it to skip style entirely.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| human review time | 40 min | 30 min |",
            [ReactionKind.TryThisWeek]),
        new(2, "Sheet Happens", "Priya Raman\nLars Eriksen", "Cleaning the sales export with prompts instead of formulas", "chatgpt,excel",
            "## What we tried\n\nDescribing the clean-up we do every quarter and asking for the steps and formulas.\n\n## What worked\n\nIt wrote the nested formulas we always get wrong, and explained them.\n\n## What broke or almost worked\n\nPasting real customer data into a chat is not allowed: we used a 20-row sample with fake names instead.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| time it takes | 3 hours | 40 minutes |\n\n## Try it yourself\n\n1. Make a fake sample with the same columns.\n2. Ask for formulas, not for the cleaned data.",
            [ReactionKind.WouldUse, ReactionKind.WouldUse, ReactionKind.TryThisWeek]),
        new(2, "Query Crafters", "Sam Lindqvist\nNoor Aziz", "Natural language to SQL: great for drafts, scary for joins", "copilot,sql",
            "## What we tried\n\nAsking for reporting queries in plain English against our warehouse schema.\n\n## What worked\n\nSimple aggregations were right first time.\n\n## What broke or almost worked\n\nA join on the wrong key doubled the revenue figure, and it looked plausible. We now compare totals with a known report before trusting a query.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| first draft | 30 min | 2 min |\n| trust | high | needs checking |",
            [ReactionKind.GreatFailure, ReactionKind.TriedAlready]),
        new(3, "Minute Takers", "Priya Raman\nSam Lindqvist", "Meeting notes to action items, automatically", "copilot,teams",
            "## What we tried\n\nLetting the meeting assistant write the notes and the action items for our weekly sync.\n\n## What worked\n\nAction items with owners were accurate in 9 of 10 meetings.\n\n## What broke or almost worked\n\nIt attributes decisions to whoever spoke last. Someone still reads the notes before they go out.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| time it takes | 20 min per meeting | 5 min |",
            [ReactionKind.WouldUse, ReactionKind.TriedAlready, ReactionKind.WouldUse]),
        new(3, "Inbox Zero", "Sam Lindqvist", "Drafting follow-up emails: saved time, lost our tone", "gemini,outlook",
            "## What we tried\n\nDrafting customer follow-ups from call notes.\n\n## What worked\n\nDrafts in seconds, with the right facts.\n\n## What broke or almost worked\n\nEvery email sounded the same, and one customer asked if we had automated them. Giving it three of our own emails as examples helped a lot.\n\n## Before → after\n\n| | before | after |\n|---|---|---|\n| time per email | 10 min | 4 min, with editing |",
            [ReactionKind.GreatFailure]),
    ];

    private static async Task SeedShareBacksAsync(PlayDayDbContext db, UserManager<AppUser> users)
    {
        var past = await db.PlayDays.OrderBy(p => p.StartsAtUtc).Take(4).ToListAsync();
        var reactors = new List<AppUser>();
        foreach (var (email, _, _) in Accounts)
        {
            reactors.Add(await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo account {email} is missing."));
        }
        foreach (var (item, index) in ShareBacks.Select((s, i) => (s, i)))
        {
            var playDay = past[item.Quarter];
            var team = new Team { PlayDayId = playDay.Id, Name = item.Team, QueueBand = 1, QueueOrder = index + 1, CreatedAtUtc = playDay.StartsAtUtc, CreatedBy = item.Members.Split('\n')[0], PresentedAtUtc = playDay.EndsAtUtc };
            var shareBack = new ShareBack
            {
                PlayDayId = playDay.Id,
                Team = team,
                Title = item.Title,
                Tags = item.Tags,
                Body = item.Body,
                TeamMembers = item.Members,
                PostedAtUtc = playDay.EndsAtUtc.AddMinutes(-30 + 5 * (index % 2)),
                PostedBy = item.Members.Split('\n')[0],
                IdempotencyKey = Guid.NewGuid(),
            };
            // Each demo person reacts at most once per kind.
            foreach (var (kind, who) in item.Reactions.Select((k, i) => (k, reactors[i % reactors.Count])).DistinctBy(r => (r.k, r.Item2.Id)))
            {
                team.Reactions.Add(new Reaction { UserId = who.Id, Kind = kind });
            }
            db.ShareBacks.Add(shareBack);
        }
        await db.SaveChangesAsync();
    }

    private static PlayDayTimes Times(Quarter quarter, TimeZoneInfo zone)
    {
        var first = quarter.FirstDay;
        var firstThursday = first.AddDays(((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7);
        return new PlayDayTimes(firstThursday.AddDays(7 * 6), new TimeOnly(13, 0), new TimeOnly(17, 0), zone);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding demo data failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
