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

        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, name, organizer) in Accounts)
        {
            var user = new AppUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
            Check(await users.CreateAsync(user, Password));
            if (organizer)
            {
                Check(await users.AddToRoleAsync(user, Roles.Organizer));
            }
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
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
