using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;

namespace PlayDay.Web.Accounts;

/// <summary>
/// A fresh install needs someone to schedule play days: the account that claims the one
/// <see cref="Installation"/> row becomes its organizer. The primary key decides races: of several
/// first registrations at once exactly one insert succeeds, and nobody else is promoted.
/// </summary>
public static class FirstOrganizer
{
    /// <summary>True when <paramref name="user"/> made the claim. Call inside the transaction that creates the user.</summary>
    public static async Task<bool> TryClaimAsync(PlayDayDbContext db, AppUser user, DateTime nowUtc)
    {
        if (await db.Installations.AnyAsync())
        {
            return false;
        }
        var claim = new Installation { FirstOrganizerUserId = user.Id, ClaimedAtUtc = nowUtc };
        db.Installations.Add(claim);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // SQLITE_CONSTRAINT: another registration claimed the row first.
            db.Entry(claim).State = EntityState.Detached;
            return false;
        }
    }
}
