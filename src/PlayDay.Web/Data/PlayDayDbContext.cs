using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PlayDay.Web.Data;

/// <summary>
/// The model, on SQLite as it stands (its migrations are in Data/Migrations). The database servers
/// have subclasses with migrations of their own (<see cref="PostgreSqlPlayDayDbContext"/>,
/// <see cref="SqlServerPlayDayDbContext"/>); everyone else asks for this type.
/// </summary>
public class PlayDayDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public PlayDayDbContext(DbContextOptions<PlayDayDbContext> options)
        : base(options)
    {
    }

    protected PlayDayDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The keys that sign cookies, antiforgery tokens and mailed links, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PlayDayEvent> PlayDays => Set<PlayDayEvent>();
    public DbSet<PlayDayChange> PlayDayChanges => Set<PlayDayChange>();
    public DbSet<Invitee> Invitees => Set<Invitee>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ShareBack> ShareBacks => Set<ShareBack>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<ShareBackRevision> ShareBackRevisions => Set<ShareBackRevision>();
    public DbSet<BoardSession> BoardSessions => Set<BoardSession>();
    public DbSet<TeamInvitation> TeamInvitations => Set<TeamInvitation>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<OutcomeUpdate> OutcomeUpdates => Set<OutcomeUpdate>();
    public DbSet<Adoption> Adoptions => Set<Adoption>();
    public DbSet<Blocker> Blockers => Set<Blocker>();
    public DbSet<PulseAnswer> PulseAnswers => Set<PulseAnswer>();
    public DbSet<PulseResponse> PulseResponses => Set<PulseResponse>();
    public DbSet<FollowUpNudge> FollowUpNudges => Set<FollowUpNudge>();
    public DbSet<QuestionVote> QuestionVotes => Set<QuestionVote>();
    public DbSet<Installation> Installations => Set<Installation>();
    public DbSet<Heartbeat> Heartbeats => Set<Heartbeat>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
    public DbSet<RsvpMail> RsvpMails => Set<RsvpMail>();
    public DbSet<FollowedTag> FollowedTags => Set<FollowedTag>();
    public DbSet<Follower> Followers => Set<Follower>();
    public DbSet<Digest> Digests => Set<Digest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the app is UTC; SQLite forgets the kind, so put it back on read, and
        // PostgreSQL's timestamptz takes only UTC, so say so on write.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.Property(u => u.CalendarFeedToken).HasMaxLength(64);
            user.HasIndex(u => u.CalendarFeedToken).IsUnique();
            user.Property(u => u.ApiTokenHash).HasMaxLength(64);
            user.HasIndex(u => u.ApiTokenHash).IsUnique();
        });

        builder.Entity<PlayDayEvent>(playDay =>
        {
            playDay.ToTable("PlayDays");
            playDay.Property(p => p.Title).HasMaxLength(PlayDayEvent.TitleMaxLength);
            playDay.Property(p => p.Brief).HasMaxLength(PlayDayEvent.BriefMaxLength);
            playDay.Property(p => p.TimeZoneId).HasMaxLength(PlayDayEvent.TimeZoneIdMaxLength);
            playDay.Property(p => p.Location).HasMaxLength(PlayDayEvent.LocationMaxLength);
            playDay.Property(p => p.VideoLink).HasMaxLength(PlayDayEvent.VideoLinkMaxLength);
            playDay.Property(p => p.CreatedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            playDay.Property(p => p.CancelledBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            playDay.Property(p => p.CancellationReason).HasMaxLength(PlayDayEvent.CancellationReasonMaxLength);
            playDay.Property(p => p.FollowUpWeeks).HasMaxLength(40).HasDefaultValue(PlayDayEvent.DefaultFollowUpWeeks);
            playDay.Property(p => p.PulseJoiningQuestions).HasMaxLength(1000).HasDefaultValue("");
            playDay.Property(p => p.PulseAfterQuestions).HasMaxLength(1000).HasDefaultValue("");
            playDay.HasIndex(p => p.StartsAtUtc);
            playDay.HasMany(p => p.Changes).WithOne().HasForeignKey(c => c.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            playDay.HasMany(p => p.Invitees).WithOne().HasForeignKey(i => i.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            // Defaults exist for rows that predate these columns; the migration gives those rows random UIDs.
            playDay.Property(p => p.CalendarUid).HasDefaultValue(Guid.Empty);
            playDay.Property(p => p.Sequence).HasDefaultValue(0);
            playDay.Property(p => p.Version).HasDefaultValue(0).IsConcurrencyToken();
            playDay.HasIndex(p => p.CalendarUid).IsUnique();
        });

        builder.Entity<Invitee>(invitee =>
        {
            invitee.ToTable("Invitees");
            invitee.Property(i => i.Email).HasMaxLength(Invitee.EmailMaxLength);
            invitee.Property(i => i.InvitedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            invitee.HasIndex(i => new { i.PlayDayId, i.Email }).IsUnique();
        });

        builder.Entity<Rsvp>(rsvp =>
        {
            rsvp.ToTable("Rsvps");
            rsvp.Property(r => r.Email).HasMaxLength(Invitee.EmailMaxLength);
            rsvp.Property(r => r.NormalizedEmail).HasMaxLength(Invitee.EmailMaxLength);
            rsvp.HasOne<PlayDayEvent>().WithMany().HasForeignKey(r => r.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            rsvp.HasIndex(r => new { r.PlayDayId, r.NormalizedEmail }).IsUnique();
            rsvp.Property(r => r.Version).IsConcurrencyToken();
        });

        builder.Entity<RsvpMail>(mail =>
        {
            mail.ToTable("RsvpMails");
            mail.Property(m => m.MessageKey).HasMaxLength(RsvpMail.KeyMaxLength);
            mail.Property(m => m.From).HasMaxLength(Invitee.EmailMaxLength);
            mail.Property(m => m.Outcome).HasMaxLength(RsvpMail.OutcomeMaxLength);
            mail.HasIndex(m => m.MessageKey).IsUnique();
            // The record outlives its play day: the key still says "handled".
            mail.HasOne<PlayDayEvent>().WithMany().HasForeignKey(m => m.PlayDayId).OnDelete(DeleteBehavior.SetNull);
            mail.HasIndex(m => new { m.PlayDayId, m.ReadAtUtc });
        });

        builder.Entity<OutgoingMail>(mail =>
        {
            mail.ToTable("OutgoingMails");
            mail.Property(m => m.To).HasMaxLength(Invitee.EmailMaxLength);
            mail.Property(m => m.Subject).HasMaxLength(300);
            mail.Property(m => m.CalendarMethod).HasMaxLength(16);
            mail.Property(m => m.LastError).HasMaxLength(2000);
            mail.Property(m => m.PickupFile).HasMaxLength(100);
            mail.Property(m => m.ListUnsubscribe).HasMaxLength(OutgoingMail.ListUnsubscribeMaxLength);
            mail.HasOne<PlayDayEvent>().WithMany().HasForeignKey(m => m.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            mail.HasIndex(m => new { m.SentAtUtc, m.GaveUpAtUtc, m.NextAttemptAtUtc });
        });

        builder.Entity<Team>(team =>
        {
            team.ToTable("Teams");
            team.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
            team.Property(t => t.Plan).HasMaxLength(Team.PlanMaxLength);
            team.Property(t => t.CreatedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            team.HasOne<ShareBack>().WithMany().HasForeignKey(t => t.RetestOfShareBackId).OnDelete(DeleteBehavior.SetNull);
            team.HasOne<PlayDayEvent>().WithMany().HasForeignKey(t => t.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            team.HasMany(t => t.Reactions).WithOne().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
            team.HasIndex(t => new { t.PlayDayId, t.Name }).IsUnique();
        });

        builder.Entity<TeamMember>(member =>
        {
            member.ToTable("TeamMembers");
            member.HasKey(m => new { m.TeamId, m.UserId });
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => new { m.PlayDayId, m.UserId }).IsUnique();
        });

        builder.Entity<ShareBack>(shareBack =>
        {
            shareBack.ToTable("ShareBacks");
            shareBack.Property(s => s.Title).HasMaxLength(ShareBack.TitleMaxLength);
            shareBack.Property(s => s.Tags).HasMaxLength(ShareBack.MaxTags * (ShareBack.TagMaxLength + 1));
            shareBack.Property(s => s.Body).HasMaxLength(ShareBack.BodyMaxLength);
            shareBack.Property(s => s.PostedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            shareBack.Property(s => s.EditedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            shareBack.HasOne<PlayDayEvent>().WithMany().HasForeignKey(s => s.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            shareBack.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
            shareBack.HasIndex(s => s.TeamId).IsUnique();
            shareBack.HasIndex(s => s.IdempotencyKey).IsUnique();
            shareBack.HasIndex(s => s.PlayDayId);
            shareBack.Property(s => s.TeamMembers).HasMaxLength(ShareBack.TeamMembersMaxLength).HasDefaultValue("");
            shareBack.Property(s => s.ImportedReactions).HasMaxLength(200);
            shareBack.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.ShareBackId).OnDelete(DeleteBehavior.Cascade);
            shareBack.Property(s => s.Version).HasDefaultValue(1).IsConcurrencyToken();
            shareBack.Property(s => s.DeletedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            // A deleted share-back is gone from every page, search and export; organizers reach it with IgnoreQueryFilters().
            shareBack.HasQueryFilter(s => s.DeletedAtUtc == null);
            shareBack.Property(s => s.HowMeasured).HasMaxLength(Figures.HowMeasuredMaxLength);
            shareBack.HasMany(s => s.OutcomeUpdates).WithOne().HasForeignKey(u => u.ShareBackId).OnDelete(DeleteBehavior.Cascade);
            shareBack.HasMany(s => s.Adoptions).WithOne().HasForeignKey(a => a.ShareBackId).OnDelete(DeleteBehavior.Cascade);
            shareBack.HasIndex(s => s.Outcome);
            // The archive pages newest first over share-backs that are not deleted, without reading the rows.
            shareBack.HasIndex(s => new { s.DeletedAtUtc, s.PostedAtUtc });
        });

        builder.Entity<ShareBackRevision>(revision =>
        {
            revision.ToTable("ShareBackRevisions");
            revision.Property(r => r.RevisedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            revision.Property(r => r.Title).HasMaxLength(ShareBack.TitleMaxLength);
            revision.Property(r => r.Tags).HasMaxLength(ShareBack.MaxTags * (ShareBack.TagMaxLength + 1));
            revision.Property(r => r.Body).HasMaxLength(ShareBack.BodyMaxLength);
        });

        builder.Entity<TeamInvitation>(invitation =>
        {
            invitation.ToTable("TeamInvitations");
            invitation.Property(i => i.NormalizedEmail).HasMaxLength(Invitee.EmailMaxLength);
            invitation.Property(i => i.CreatedByUserId).HasMaxLength(450);
            invitation.Property(i => i.CreatedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            invitation.HasOne<Team>().WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasIndex(i => new { i.TeamId, i.Kind, i.NormalizedEmail }).IsUnique();
            invitation.HasIndex(i => new { i.PlayDayId, i.NormalizedEmail });
        });

        builder.Entity<OutcomeUpdate>(update =>
        {
            update.ToTable("OutcomeUpdates");
            update.Property(u => u.Note).HasMaxLength(OutcomeUpdate.NoteMaxLength);
            update.Property(u => u.UpdatedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            update.HasIndex(u => new { u.ShareBackId, u.UpdatedAtUtc });
        });

        builder.Entity<Adoption>(adoption =>
        {
            adoption.ToTable("Adoptions");
            adoption.Property(a => a.PersonName).HasMaxLength(AppUser.DisplayNameMaxLength);
            adoption.Property(a => a.TeamName).HasMaxLength(Adoption.TeamNameMaxLength);
            adoption.Property(a => a.UserId).HasMaxLength(450);
            adoption.HasIndex(a => new { a.ShareBackId, a.UserId }).IsUnique();
        });

        builder.Entity<PulseAnswer>(answer =>
        {
            answer.ToTable("PulseAnswers");
            answer.HasKey(a => a.Id);
            answer.Property(a => a.Id).ValueGeneratedNever();
            answer.HasOne<PlayDayEvent>().WithMany().HasForeignKey(a => a.PlayDayId).OnDelete(DeleteBehavior.Cascade);
            answer.Property(a => a.Question).HasMaxLength(PlayDayEvent.PulseQuestionMaxLength);
            answer.Property(a => a.Text).HasMaxLength(PulseAnswer.TextMaxLength);
            answer.Property(a => a.Theme).HasMaxLength(PulseAnswer.ThemeMaxLength);
            answer.HasIndex(a => new { a.PlayDayId, a.Moment });
        });

        builder.Entity<PulseResponse>(response =>
        {
            response.ToTable("PulseResponses");
            response.HasKey(r => new { r.PlayDayId, r.Moment, r.UserId });
            response.Property(r => r.UserId).HasMaxLength(450);
            response.HasOne<PlayDayEvent>().WithMany().HasForeignKey(r => r.PlayDayId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Blocker>(blocker =>
        {
            blocker.ToTable("Blockers");
            blocker.HasOne<ShareBack>().WithMany().HasForeignKey(b => b.ShareBackId).OnDelete(DeleteBehavior.Cascade);
            blocker.Property(b => b.Note).HasMaxLength(Blocker.NoteMaxLength);
            blocker.Property(b => b.RecordedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            blocker.Property(b => b.ClearedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            blocker.HasIndex(b => new { b.ShareBackId, b.RecordedAtUtc });
            blocker.HasIndex(b => b.Kind);
        });

        builder.Entity<FollowUpNudge>(nudge =>
        {
            nudge.ToTable("FollowUpNudges");
            nudge.HasOne<Team>().WithMany().HasForeignKey(n => n.TeamId).OnDelete(DeleteBehavior.Cascade);
            nudge.HasIndex(n => new { n.TeamId, n.WeeksAfter }).IsUnique();
            nudge.HasIndex(n => n.PlayDayId);
        });

        builder.Entity<Question>(question =>
        {
            question.ToTable("Questions");
            question.Property(q => q.Text).HasMaxLength(Question.TextMaxLength);
            question.Property(q => q.AskedByUserId).HasMaxLength(450);
            question.Property(q => q.AskedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            question.Property(q => q.Answer).HasMaxLength(Question.AnswerMaxLength);
            question.Property(q => q.AnsweredBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            question.HasOne<Team>().WithMany().HasForeignKey(q => q.TeamId).OnDelete(DeleteBehavior.Cascade);
            question.HasMany(q => q.Votes).WithOne().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
            question.HasIndex(q => new { q.PlayDayId, q.TeamId });
        });

        builder.Entity<QuestionVote>(vote =>
        {
            vote.ToTable("QuestionVotes");
            vote.HasKey(v => new { v.QuestionId, v.UserId });
            vote.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Installation>(installation =>
        {
            installation.ToTable("Installation");
            installation.Property(i => i.Id).ValueGeneratedNever();
            installation.Property(i => i.FirstOrganizerUserId).HasMaxLength(450);
        });

        builder.Entity<Heartbeat>(heartbeat =>
        {
            heartbeat.ToTable("Heartbeats");
            heartbeat.HasKey(h => h.Name);
            heartbeat.Property(h => h.Name).HasMaxLength(Heartbeat.NameMaxLength);
        });

        builder.Entity<Reaction>(reaction =>
        {
            reaction.ToTable("Reactions");
            reaction.HasKey(r => new { r.TeamId, r.UserId, r.Kind });
            reaction.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BoardSession>(board =>
        {
            board.ToTable("BoardSessions");
            board.HasKey(b => b.PlayDayId);
            board.Property(b => b.PlayDayId).ValueGeneratedNever();
            board.HasOne<PlayDayEvent>().WithOne().HasForeignKey<BoardSession>(b => b.PlayDayId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FollowedTag>(follow =>
        {
            follow.ToTable("FollowedTags");
            follow.Property(f => f.UserId).HasMaxLength(450);
            follow.Property(f => f.Tag).HasMaxLength(ShareBack.TagMaxLength);
            follow.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
            follow.HasIndex(f => new { f.UserId, f.Tag }).IsUnique();
            follow.HasIndex(f => f.Tag);
        });

        builder.Entity<Follower>(follower =>
        {
            follower.ToTable("Followers");
            follower.HasKey(f => f.UserId);
            follower.Property(f => f.UserId).HasMaxLength(450);
            follower.HasOne<AppUser>().WithOne().HasForeignKey<Follower>(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
            follower.Property(f => f.FeedToken).HasMaxLength(Follower.FeedTokenMaxLength);
            follower.HasIndex(f => f.FeedToken).IsUnique();
        });

        builder.Entity<Digest>(digest =>
        {
            digest.ToTable("Digests");
            digest.Property(d => d.UserId).HasMaxLength(450);
            digest.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
            // One digest per person and period: the key that makes restarts and second instances harmless.
            digest.HasIndex(d => new { d.UserId, d.PeriodStartUtc }).IsUnique();
            digest.HasOne<OutgoingMail>().WithMany().HasForeignKey(d => d.MailId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<PlayDayChange>(change =>
        {
            change.ToTable("PlayDayChanges");
            change.Property(c => c.ChangedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            change.Property(c => c.Summary).HasMaxLength(4000);
        });
    }
}
