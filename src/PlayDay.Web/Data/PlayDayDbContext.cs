using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PlayDay.Web.Data;

public sealed class PlayDayDbContext(DbContextOptions<PlayDayDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<PlayDayEvent> PlayDays => Set<PlayDayEvent>();
    public DbSet<PlayDayChange> PlayDayChanges => Set<PlayDayChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the app is UTC; SQLite forgets the kind, so put it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user => user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength));

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
            playDay.HasIndex(p => p.StartsAtUtc);
            playDay.HasMany(p => p.Changes).WithOne().HasForeignKey(c => c.PlayDayId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlayDayChange>(change =>
        {
            change.ToTable("PlayDayChanges");
            change.Property(c => c.ChangedBy).HasMaxLength(AppUser.DisplayNameMaxLength);
            change.Property(c => c.Summary).HasMaxLength(4000);
        });
    }
}
