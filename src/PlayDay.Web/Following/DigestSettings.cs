using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;

namespace PlayDay.Web.Following;

/// <summary>
/// A person's following settings row (<see cref="Follower"/>), made on first use, and the one write of how often their
/// digest comes: from their following page, or from a digest's unsubscribe link.
/// </summary>
public static class DigestSettings
{
    /// <summary>The person's settings row, tracked; a new one is added (not yet saved) when they have none.</summary>
    public static async Task<Follower> FollowerAsync(PlayDayDbContext db, string userId)
    {
        if (await db.Followers.SingleOrDefaultAsync(f => f.UserId == userId) is { } existing)
        {
            return existing;
        }
        var follower = new Follower { UserId = userId };
        db.Followers.Add(follower);
        return follower;
    }

    /// <summary>Sets the person's digest (null: the organizers' default), making their settings row on first use; saves.</summary>
    public static async Task SetAsync(PlayDayDbContext db, string userId, DigestFrequency? chosen)
    {
        var follower = await FollowerAsync(db, userId);
        follower.Digest = chosen;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The row was made by another request a moment earlier (two clicks): set it there.
            db.ChangeTracker.Clear();
            await db.Followers.Where(f => f.UserId == userId).ExecuteUpdateAsync(f => f.SetProperty(x => x.Digest, chosen));
        }
    }
}

/// <summary>
/// The unsubscribe link of a digest email: it names the person (signed with the app's data-protection keys, so it
/// cannot be made for someone else) and does one thing, turn their digest off, without signing in. It is sent as
/// <c>List-Unsubscribe</c> with <c>List-Unsubscribe-Post</c> (RFC 8058), so mail programs offer their own button,
/// and in the email's footer. It does not expire: a digest read months later still stops with one click.
/// </summary>
public sealed class DigestUnsubscribeLinks(IDataProtectionProvider protection, PlayDayCalendar calendar)
{
    public const string Purpose = "PlayDay.DigestUnsubscribe.v1";

    public const string RoutePrefix = "/unsubscribe/";

    // Hex, lower case: link generators lower-case whole URLs, and hex survives it.
    public string Protect(string userId) =>
        Convert.ToHexStringLower(protection.CreateProtector(Purpose).Protect(Encoding.UTF8.GetBytes(userId)));

    /// <summary>The person the link names, or null when it is not one of ours (garbled, tampered with, cut short).</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000 || token.Length % 2 != 0 || !token.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(protection.CreateProtector(Purpose).Unprotect(Convert.FromHexString(token)));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public Uri Url(string userId) => new(calendar.PublicBaseUrl, (RoutePrefix + Protect(userId)).TrimStart('/'));
}
