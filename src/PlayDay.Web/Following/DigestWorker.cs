using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Following;

/// <summary>
/// Makes each follower's digest once their period has ended: new share-backs and outcome changes in
/// the tools they follow since their last digest. The <see cref="Digest"/> row is written in the same
/// transaction as its email (or alone, when nothing was new), and its unique (person, period) key
/// refuses a second one, so restarts, second instances and overlapping rounds never send twice. A
/// failing round is logged and the next one tries again; nothing stops the worker or the host.
/// </summary>
public sealed class DigestWorker(IServiceScopeFactory scopes, OutboxSignal outbox, JobHeartbeats heartbeats,
    TimeProvider clock, IOptions<FollowingOptions> options, DigestUnsubscribeLinks unsubscribe, ILogger<DigestWorker> logger) : BackgroundService
{
    public const string JobName = "digests";

    /// <summary>A digest after a long silence (the digest was off, the app was down) covers at most this far back.</summary>
    private static readonly TimeSpan LongestCatchUp = TimeSpan.FromDays(28);

    private FollowingOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            logger.LogInformation("Digest emails are off (Following:Enabled is false).");
            return;
        }
        var poll = TimeSpan.FromSeconds(Options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            string? problem = null;
            try
            {
                // A full batch means more may be waiting: go on at once.
                while (await SendDueAsync(stoppingToken) is { Handled: var handled } && handled >= Options.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                problem = e.Message;
                logger.LogError(e, "A digest round failed; the next one starts in {Poll}.", poll);
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

    /// <summary>What one round did: digests it recorded (with or without an email), and emails among them.</summary>
    public readonly record struct Round(int Handled, int Emails);

    /// <summary>One round: up to <see cref="FollowingOptions.BatchSize"/> followers whose period has ended without a digest.</summary>
    public async Task<Round> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var periods = new Dictionary<DigestFrequency, DigestPeriod>();
        foreach (var frequency in new[] { DigestFrequency.Daily, DigestFrequency.Weekly })
        {
            periods[frequency] = DigestPeriod.LastEnded(frequency, now, Options.SendHourUtc, Options.WeeklyOn)!.Value;
        }
        List<(string UserId, DigestFrequency Frequency)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            var followers = await db.FollowedTags.AsNoTracking().Select(f => f.UserId).Distinct()
                .Select(id => new { Id = id, Digest = db.Followers.Where(f => f.UserId == id).Select(f => f.Digest).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var starts = periods.Values.Select(p => p.StartUtc).Distinct().ToList();
            var done = (await db.Digests.AsNoTracking().Where(d => starts.Contains(d.PeriodStartUtc)).Select(d => new { d.UserId, d.PeriodStartUtc }).ToListAsync(cancellationToken))
                .Select(d => (d.UserId, d.PeriodStartUtc)).ToHashSet();
            due = followers
                .Select(f => (UserId: f.Id, Frequency: f.Digest ?? Options.DefaultDigest))
                .Where(f => f.Frequency != DigestFrequency.Off && !done.Contains((f.UserId, periods[f.Frequency].StartUtc)))
                .OrderBy(f => f.UserId, StringComparer.Ordinal)
                .Take(Options.BatchSize)
                .ToList();
        }
        var handled = 0;
        var emails = 0;
        foreach (var (userId, frequency) in due)
        {
            switch (await SendOneAsync(userId, frequency, periods[frequency], now, cancellationToken))
            {
                case true:
                    handled++;
                    emails++;
                    break;
                case false:
                    handled++;
                    break;
            }
        }
        if (emails > 0)
        {
            outbox.Wake();
        }
        return new Round(handled, emails);
    }

    /// <summary>
    /// Records the person's digest for the period and, when something is new, its email, in one
    /// transaction. True: an email was queued; false: nothing new; null: another round or instance got there first.
    /// </summary>
    private async Task<bool?> SendOneAsync(string userId, DigestFrequency frequency, DigestPeriod period, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<PlayDayCalendar>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var digest = new Digest { UserId = userId, Frequency = frequency, PeriodStartUtc = period.StartUtc, PeriodEndUtc = period.EndUtc, CoveredFromUtc = period.StartUtc, MadeAtUtc = now };
        db.Digests.Add(digest);
        try
        {
            // The insert comes first, so this transaction holds the write lock before it reads anything.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            logger.LogInformation("The digest of {UserId} for the period from {Start:u} was made by another round.", userId, period.StartUtc);
            return null;
        }

        // From the end of the previous digest, so a change of frequency neither repeats nor skips; never further back than the catch-up limit.
        var previousEnd = await db.Digests.Where(d => d.UserId == userId && d.Id != digest.Id).MaxAsync(d => (DateTime?)d.PeriodEndUtc, cancellationToken);
        var from = previousEnd is { } end && end > period.StartUtc - LongestCatchUp ? end : period.StartUtc;
        digest.CoveredFromUtc = from < period.EndUtc ? from : period.EndUtc;
        var tags = await db.FollowedTags.Where(f => f.UserId == userId).OrderBy(f => f.Tag).Select(f => f.Tag).ToListAsync(cancellationToken);
        var followed = tags.ToHashSet(StringComparer.Ordinal);
        var person = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed, u.DisplayName }).SingleAsync(cancellationToken);

        // Deleted share-backs are left out by the query filter, in both queries.
        var posted = (await db.ShareBacks.AsNoTracking()
                .Where(s => s.PostedAtUtc >= digest.CoveredFromUtc && s.PostedAtUtc < period.EndUtc)
                .OrderBy(s => s.PostedAtUtc).ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.Title, s.Tags, s.Body, Team = s.Team!.Name })
                .ToListAsync(cancellationToken))
            .Where(s => Matches(s.Tags, followed))
            .ToList();
        var changed = (await db.OutcomeUpdates.AsNoTracking()
                .Where(u => u.UpdatedAtUtc >= digest.CoveredFromUtc && u.UpdatedAtUtc < period.EndUtc)
                .Join(db.ShareBacks, u => u.ShareBackId, s => s.Id, (u, s) => new { u.Id, u.ShareBackId, s.Title, s.Tags, u.From, u.To, u.Note, u.UpdatedAtUtc })
                .OrderBy(u => u.UpdatedAtUtc).ThenBy(u => u.Id)
                .ToListAsync(cancellationToken))
            .Where(u => Matches(u.Tags, followed))
            .ToList();
        digest.ShareBacks = posted.Count;
        digest.OutcomeChanges = changed.Count;

        if ((posted.Count == 0 && changed.Count == 0) || !person.EmailConfirmed || string.IsNullOrEmpty(person.Email))
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }
        var max = Options.MaxItems;
        var mail = DigestLetter.Compose(person.Email, person.DisplayName, tags, frequency,
            posted.Take(max).Select(s => new DigestLetter.NewShareBack(s.Id, s.Title, s.Team, s.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), DigestLetter.Excerpt(s.Body), calendar.ShareBackUrl(s.Id))).ToList(),
            Math.Max(0, posted.Count - max),
            changed.Take(max).Select(u => new DigestLetter.OutcomeChange(u.ShareBackId, u.Title, u.From, u.To, u.Note, u.UpdatedAtUtc, calendar.ShareBackUrl(u.ShareBackId))).ToList(),
            Math.Max(0, changed.Count - max),
            FollowingLinks.Archive(calendar), FollowingLinks.Manage(calendar), unsubscribe.Url(userId), now);
        db.OutgoingMails.Add(mail);
        await db.SaveChangesAsync(cancellationToken);
        digest.MailId = mail.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Made the {Frequency} digest of {UserId}: {ShareBacks} share-back(s), {Changes} outcome change(s).", frequency, userId, posted.Count, changed.Count);
        return true;
    }

    private static bool Matches(string tags, HashSet<string> followed) =>
        tags.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(followed.Contains);
}
