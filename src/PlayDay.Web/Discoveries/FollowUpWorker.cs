using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Discoveries;

/// <summary>
/// Sends each team that presented a follow-up email some weeks after its play day
/// (<see cref="PlayDayEvent.FollowUpWeekList"/>), so nobody has to remember to ask what became of a
/// discovery. The <see cref="FollowUpNudge"/> rows are the schedule: a nudge is written in the same
/// transaction as its emails, and the unique (team, weeks) key refuses a second one, so a restart, a
/// second instance or an overlapping round never sends twice. A follow-up found more than
/// <see cref="FollowUpOptions.MaxLateDays"/> late (the app was down, old data) is skipped. A failing
/// round is logged and the next one tries again; nothing stops the worker or the host.
/// </summary>
public sealed class FollowUpWorker(IServiceScopeFactory scopes, FollowUpLinks links, OutboxSignal outbox, JobHeartbeats heartbeats,
    TimeProvider clock, IOptions<FollowUpOptions> options, ILogger<FollowUpWorker> logger) : BackgroundService
{
    public const string JobName = "follow-ups";

    /// <summary>The longest follow-up a play day can ask for (<see cref="PlayDayEvent.FollowUpWeekList"/>).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(52 * 7);

    private FollowUpOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            logger.LogInformation("Follow-up emails are off (FollowUps:Enabled is false).");
            return;
        }
        var poll = TimeSpan.FromSeconds(Options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            string? problem = null;
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                problem = e.Message;
                logger.LogError(e, "A follow-up round failed; the next one starts in {Poll}.", poll);
            }
            heartbeats.Report(JobName, poll, problem);
            try
            {
                await Task.Delay(poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One round: every follow-up that is due and not sent yet. Returns how many nudges this round sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var maxLate = TimeSpan.FromDays(Options.MaxLateDays);
        List<PlayDayEvent> playDays;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            var oldest = now - LongestWait - maxLate;
            playDays = await db.PlayDays.AsNoTracking()
                .Where(p => p.CancelledAtUtc == null && p.EndsAtUtc <= now && p.EndsAtUtc >= oldest)
                .OrderBy(p => p.Id)
                .ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var playDay in playDays)
        {
            foreach (var weeks in playDay.FollowUpWeekList)
            {
                var due = DueAtUtc(playDay, weeks);
                if (due > now || now - due > maxLate)
                {
                    continue;
                }
                sent += await SendForAsync(playDay, weeks, now, cancellationToken);
            }
        }
        return sent;
    }

    /// <summary>When the follow-up <paramref name="weeks"/> after <paramref name="playDay"/> is due: that many weeks after its end.</summary>
    public static DateTime DueAtUtc(PlayDayEvent playDay, int weeks) =>
        // A play day stored at the end of the calendar (a typo for year 9999) is never due, and never breaks a page.
        playDay.EndsAtUtc > DateTime.MaxValue.AddDays(-7 * weeks) ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : playDay.EndsAtUtc.AddDays(7 * weeks);

    private async Task<int> SendForAsync(PlayDayEvent playDay, int weeks, DateTime now, CancellationToken cancellationToken)
    {
        List<(int ShareBackId, int TeamId)> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            // Deleted share-backs are left out by the query filter.
            var shareBacks = await db.ShareBacks.AsNoTracking().Where(s => s.PlayDayId == playDay.Id)
                .OrderBy(s => s.Id).Select(s => new { s.Id, s.TeamId }).ToListAsync(cancellationToken);
            var done = await db.FollowUpNudges.AsNoTracking().Where(n => n.PlayDayId == playDay.Id && n.WeeksAfter == weeks)
                .Select(n => n.TeamId).ToListAsync(cancellationToken);
            waiting = shareBacks.Where(s => !done.Contains(s.TeamId)).DistinctBy(s => s.TeamId).Select(s => (s.Id, s.TeamId)).ToList();
        }
        var sent = 0;
        foreach (var (shareBackId, teamId) in waiting)
        {
            if (await SendOneAsync(playDay, weeks, shareBackId, teamId, now, cancellationToken))
            {
                sent++;
            }
        }
        if (sent > 0)
        {
            outbox.Wake();
        }
        return sent;
    }

    /// <summary>Writes the nudge and its emails in one transaction; false when another round or instance got there first.</summary>
    private async Task<bool> SendOneAsync(PlayDayEvent playDay, int weeks, int shareBackId, int teamId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<PlayDayCalendar>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var nudge = new FollowUpNudge { PlayDayId = playDay.Id, TeamId = teamId, ShareBackId = shareBackId, WeeksAfter = weeks, SentAtUtc = now, LinkId = Guid.NewGuid() };
        db.FollowUpNudges.Add(nudge);
        try
        {
            // The insert comes first, so this transaction holds the write lock before it reads anything.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            logger.LogInformation("The {Weeks}-week follow-up of team {TeamId} was sent by another round.", weeks, teamId);
            return false;
        }
        var shareBack = await db.ShareBacks.AsNoTracking().Include(s => s.Team).SingleAsync(s => s.Id == shareBackId, cancellationToken);
        var emails = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId && m.User!.EmailConfirmed && m.User.Email != null)
            .Select(m => m.User!.Email!).ToListAsync(cancellationToken);
        var expires = now.AddDays(Options.LinkDays);
        var link = links.Url(links.Protect(new FollowUpLinks.Token(nudge.Id, nudge.LinkId, expires)));
        var c = CultureInfo.InvariantCulture;
        db.OutgoingMails.AddRange(emails.Select(to => Letter.Compose(to, $"What became of “{shareBack.Title}”?",
            [
                $"Hello {shareBack.Team?.Name},",
                $"{weeks} {(weeks == 1 ? "week" : "weeks")} ago, at {playDay.Title}, you shared “{shareBack.Title}”. What became of it? "
                    + "Trying it, adopted, dropped (with the reason) or worth another go next quarter: every answer helps the next team.",
                "Tell us in a minute, no sign-in needed (anyone in your team can answer; the first answer counts):",
            ],
            link,
            [
                $"The link works once, until {expires.ToString("d MMMM yyyy", c)}. After that, update it on the share-back's page: {calendar.ShareBackUrl(shareBackId).AbsoluteUri}",
                "You get this because your team presented this share-back at a PlayDay play day.",
            ],
            now, playDay.Id)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Sent the {Weeks}-week follow-up of “{Title}” to {Count} member(s) of team {TeamId}.", weeks, shareBack.Title, emails.Count, teamId);
        return true;
    }
}
