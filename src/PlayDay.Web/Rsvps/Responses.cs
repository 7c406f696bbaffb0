using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Rsvps;

/// <summary>The one way an answer is recorded, from the site and from calendar replies alike.</summary>
public static class Responses
{
    /// <summary>
    /// Finds or adds the address's row for the play day and offers it the answer (the row keeps the
    /// newer one; see <see cref="Rsvp.Answer"/>). Saving is the caller's, in its own unit of work.
    /// Returns whether the answer was taken.
    /// </summary>
    public static async Task<bool> RecordAsync(PlayDayDbContext db, int playDayId, string email, RsvpResponse response,
        RsvpSource source, DateTime atUtc, int? sequence, CancellationToken cancellationToken)
    {
        var normalized = Rsvp.Normalize(email);
        var rsvp = db.Rsvps.Local.FirstOrDefault(r => r.PlayDayId == playDayId && r.NormalizedEmail == normalized)
            ?? await db.Rsvps.SingleOrDefaultAsync(r => r.PlayDayId == playDayId && r.NormalizedEmail == normalized, cancellationToken);
        if (rsvp is null)
        {
            rsvp = new Rsvp { PlayDayId = playDayId, Email = email.Trim(), NormalizedEmail = normalized };
            db.Rsvps.Add(rsvp);
        }
        return rsvp.Answer(response, source, atUtc, sequence);
    }

    /// <summary>
    /// Runs <paramref name="work"/> (which records answers) and saves. When two answers for one address
    /// race, the loser's save fails (a second first row breaks the unique index; a change to a row that
    /// changed meanwhile fails its Version check): it starts again from the saved row.
    /// </summary>
    public static async Task<T> SaveAsync<T>(PlayDayDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await work();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts && LostARace(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private const int MaxAttempts = 5;

    /// <summary>Another save got there first; a storage failure is no race and is not retried here.</summary>
    private static bool LostARace(DbUpdateException e) =>
        e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e);
}
