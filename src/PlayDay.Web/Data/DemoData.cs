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

        // Sam follows a tool, so /me/following, the follow buttons and the weekly digest have something to show.
        var sam = await users.FindByEmailAsync("sam@playday.local") ?? throw new InvalidOperationException("The demo accounts are missing.");
        db.FollowedTags.Add(new FollowedTag { UserId = sam.Id, Tag = "copilot", CreatedAtUtc = now });
        await db.SaveChangesAsync();

        // The next play day already has teams lining up, so its live board has something to show.
        var next = await db.PlayDays.OrderByDescending(p => p.StartsAtUtc).FirstAsync();
        var teams = new (string Name, string Plan, string Email, QueueAsk Ask)[]
        {
            ("Prompt Pirates", "Summarise a week of support tickets into the Monday report.", "sam@playday.local", QueueAsk.Normal),
            ("Sheet Happens", "Clean up the quarterly sales export with an assistant instead of by hand.", "priya@playday.local", QueueAsk.Early),
            ("Tone Keepers", "Re-test drafting follow-up emails: can today's models keep our tone with three examples?", "maya@playday.local", QueueAsk.Normal),
        };
        var retest = await db.ShareBacks.Include(s => s.Team).SingleAsync(s => s.Team!.Name == "Inbox Zero");
        for (var i = 0; i < teams.Length; i++)
        {
            var (name, plan, email, ask) = teams[i];
            var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo account {email} is missing.");
            var team = new Team
            {
                PlayDayId = next.Id, Name = name, Plan = plan, Ask = ask, QueueBand = Team.BandFor(ask), QueueOrder = i + 1, CreatedAtUtc = now, CreatedBy = member.DisplayName,
                RetestOfShareBackId = name == "Tone Keepers" ? retest.Id : null,
            };
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
        new(3, "Ticket Agents", "Noor Aziz\nJonas Berg", "An agent that files the follow-up tickets: blocked, and rightly", "agents,jira",
            "## What we tried\n\nAn agent that reads the meeting notes, files a ticket per action item and links them in the doc.\n\n## What worked\n\nThe tickets it wrote were clear, with the right owner.\n\n## What broke or almost worked\n\nIt filed the same ticket three times when a meeting had two notes, and it needs write access to every project to work at all.\n\n## Try it yourself\n\nRun it read-only first: let it *propose* tickets and a person files them.",
            [ReactionKind.GreatFailure, ReactionKind.GreatFailure]),
        new(3, "Status Scribes", "Mei Chen", "The weekly status update, drafted from the team's notes", "claude,confluence",
            "## What we tried\n\nFeeding a week of stand-up notes to a model and asking for the Friday status update.\n\n## What worked\n\nA usable draft in two minutes; it noticed a risk we had mentioned twice and never escalated.\n\n## What broke or almost worked\n\nIt glosses over bad news unless told not to.",
            [ReactionKind.WouldUse, ReactionKind.TryThisWeek]),
        new(3, "Slide Shapers", "Lars Eriksen", "Slides from an outline: fast, and all the same", "gamma,powerpoint",
            "## What we tried\n\nTurning a one-page outline into a 10-slide deck.\n\n## What worked\n\nA first deck in five minutes.\n\n## What broke or almost worked\n\nEvery deck looked the same; we have not decided yet whether that matters.",
            [ReactionKind.TriedAlready]),
    ];

    /// <summary>
    /// What became of each demo discovery after its play day, so a newcomer sees the whole story: every
    /// outcome, figures as the team reported them, adopters in other teams, a question and its answer.
    /// </summary>
    private sealed record DemoStory(
        (Outcome To, string? Note, int DaysAfter)[] Updates,
        Figures? Figures = null,
        (int Account, string Team, AdoptionStage Stage)[]? Adopters = null,
        (int Account, string Text, string? Answer)? Question = null,
        (BlockerKind Kind, string Note, int DaysAfter, int? ClearedDaysAfter)[]? Blockers = null);

    private static readonly Dictionary<string, DemoStory> Stories = new()
    {
        ["Release Notes Crew"] = new(
            [(Outcome.Trying, "Using it for every sprint now; one person checks each bullet against its PR.", 14),
             (Outcome.Adopted, null, 42),
             (Outcome.Spreading, "The mobile and support-docs teams write their notes this way too.", 70)],
            new Figures(120, 15, 6, 5, "Timed the last three release notes before and the first three after."),
            [(1, "Mobile apps", AdoptionStage.UsingNow), (2, "Support docs", AdoptionStage.UsingNow)],
            (2, "Which prompt do you start from? Ours keeps inventing features.", "We paste last release's notes as an example and say **\"only use the titles given\"**. Then check every bullet."),
            [(BlockerKind.Approval, "Legal wanted to read the notes before they went to customers; now they review a sample each quarter.", 20, 45)]),
        ["Policy Readers"] = new(
            [(Outcome.Trying, null, 14), (Outcome.Adopted, "\"Quote and page number\" is now our rule for every summary.", 40)],
            new Figures(240, 60, 4, 4, "Our estimate for the last two policy summaries.")),
        ["Test Pilots"] = new(
            [(Outcome.Trying, null, 14), (Outcome.Adopted, "Generated tests go through review like any other code.", 45)],
            new Figures(null, null, 8, 6, "Counted who wrote tests this way in the last sprint.")),
        ["Review Buddies"] = new(
            [(Outcome.Trying, null, 14), (Outcome.Dropped, "Too noisy: reviewers started ignoring all of its comments, including the useful ones. Our linters already catch most of what it found.", 42)]),
        ["Sheet Happens"] = new(
            [(Outcome.Trying, null, 14), (Outcome.Spreading, "Finance asked for the fake-sample trick.", 50)],
            new Figures(180, 40, 3, 3, "Timed this quarter's clean-up against last quarter's."),
            [(0, "Finance operations", AdoptionStage.UsingNow), (1, "Sales ops", AdoptionStage.WantToTry)],
            Blockers: [(BlockerKind.DataAccess, "Sales ops cannot get an export with fake names; only finance has the masking script.", 55, null)]),
        ["Query Crafters"] = new(
            [(Outcome.RetestNextQuarter, "Joins on the wrong key are still too easy to miss. Worth another go once the assistant can read our schema docs.", 42)]),
        ["Minute Takers"] = new(
            [(Outcome.Trying, "Two more teams are trying it in their syncs.", 14)],
            new Figures(100, 25, 5, 5, "20 minutes per meeting, five meetings a week, before; 5 minutes after."),
            [(1, "Platform team", AdoptionStage.WantToTry), (2, "Customer success", AdoptionStage.UsingNow)],
            (1, "Does it work when half the meeting is in the room and half on the call?", null),
            [(BlockerKind.SecurityReview, "The meeting assistant needs a security review before customer calls may be recorded.", 10, null),
             (BlockerKind.Approval, "Works council approval for recording internal meetings.", 12, null)]),
        ["Inbox Zero"] = new(
            [(Outcome.RetestNextQuarter, "Faster, but every email sounded the same. Examples of our own emails helped; the next model may keep our tone.", 14)],
            new Figures(100, 40, 4, 1, "Minutes per email, times emails a week, for one person who kept using it.")),
        ["Ticket Agents"] = new(
            [(Outcome.Dropped, "Security review would not give an agent write access to every project, and duplicate tickets cost more time than it saved.", 14)]),
        ["Status Scribes"] = new(
            [(Outcome.Trying, "Drafting every Friday update this way for a month before we decide.", 14)],
            new Figures(60, 15, 1, 1, "One person's Friday, timed."),
            Blockers: [(BlockerKind.ManagerPriorities, "The quarter's deadline comes first; nobody has time to set it up for the whole team.", 12, null)]),
    };

    private static async Task SeedShareBacksAsync(PlayDayDbContext db, UserManager<AppUser> users)
    {
        var past = await db.PlayDays.OrderBy(p => p.StartsAtUtc).Take(4).ToListAsync();
        var reactors = new List<AppUser>();
        foreach (var (email, _, _) in Accounts)
        {
            reactors.Add(await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo account {email} is missing."));
        }
        var stories = new List<(ShareBack, Team, PlayDayEvent, DemoStory)>();
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
            if (Stories.GetValueOrDefault(item.Team) is { } story)
            {
                stories.Add((shareBack, team, playDay, story));
            }
        }
        await db.SaveChangesAsync();
        foreach (var (shareBack, team, playDay, story) in stories)
        {
            Tell(db, shareBack, team, playDay, story, reactors);
        }
        await db.SaveChangesAsync();
    }

    private static void Tell(PlayDayDbContext db, ShareBack shareBack, Team team, PlayDayEvent playDay, DemoStory story, List<AppUser> people)
    {
        var by = shareBack.PostedBy;
        foreach (var (to, note, days) in story.Updates)
        {
            var figures = to == story.Updates[^1].To ? story.Figures ?? new Figures(null, null, null, null, null) : shareBack.Figures;
            if (shareBack.Report(to, figures, note, by, playDay.EndsAtUtc.AddDays(days)) is { } problem)
            {
                throw new InvalidOperationException($"Demo outcome for {team.Name}: {problem}");
            }
        }
        foreach (var (account, teamName, stage) in story.Adopters ?? [])
        {
            var person = people[account];
            var at = playDay.EndsAtUtc.AddDays(21 + account);
            db.Adoptions.Add(new Adoption { ShareBackId = shareBack.Id, UserId = person.Id, PersonName = person.DisplayName, TeamName = teamName, Stage = stage, CreatedAtUtc = at, UpdatedAtUtc = at });
        }
        foreach (var (kind, note, days, cleared) in story.Blockers ?? [])
        {
            db.Blockers.Add(new Blocker
            {
                ShareBackId = shareBack.Id, Kind = kind, Note = note, RecordedBy = by, RecordedAtUtc = playDay.EndsAtUtc.AddDays(days),
                ClearedBy = cleared is null ? null : by, ClearedAtUtc = cleared is { } c ? playDay.EndsAtUtc.AddDays(c) : null,
            });
        }
        if (story.Question is var (asker, text, answer))
        {
            var person = people[asker];
            db.Questions.Add(new Question
            {
                PlayDayId = playDay.Id, TeamId = team.Id, Text = text, AskedByUserId = person.Id, AskedBy = person.DisplayName, AskedAtUtc = playDay.EndsAtUtc.AddDays(9),
                Answer = answer, AnsweredBy = answer is null ? null : by, AnsweredAtUtc = answer is null ? null : playDay.EndsAtUtc.AddDays(10),
            });
        }
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
