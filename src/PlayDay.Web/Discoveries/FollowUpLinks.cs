using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using PlayDay.Web.Calendar;

namespace PlayDay.Web.Discoveries;

/// <summary>
/// The signed link in a follow-up email: it names the nudge, its one-use LinkId and when it stops
/// working, and it stands in for signing in for that one share-back. The expiry is inside the signed
/// payload and measured with the app's clock: the data protection's own time-limited protector checks
/// the system clock, and an expired payload could not even be read to point the person to the permalink.
/// </summary>
public sealed class FollowUpLinks(IDataProtectionProvider protection, PlayDayCalendar calendar, LinkGenerator links)
{
    public const string Purpose = "PlayDay.FollowUp.v1";

    /// <summary>What a genuine link says.</summary>
    public sealed record Token(int NudgeId, Guid LinkId, DateTime ExpiresAtUtc);

    private const int PayloadLength = 4 + 16 + 8;

    // Hex, lower case: the link generator lower-cases whole URLs, and hex survives it.
    public string Protect(Token token)
    {
        var payload = new byte[PayloadLength];
        BinaryPrimitives.WriteInt32BigEndian(payload, token.NudgeId);
        token.LinkId.TryWriteBytes(payload.AsSpan(4, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(20), token.ExpiresAtUtc.Ticks);
        return Convert.ToHexStringLower(protection.CreateProtector(Purpose).Protect(payload));
    }

    /// <summary>The link's contents, or null when it is not one of ours (garbled, tampered with, cut short).</summary>
    public Token? Read(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 1000 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        try
        {
            var payload = protection.CreateProtector(Purpose).Unprotect(Convert.FromHexString(text));
            if (payload.Length != PayloadLength)
            {
                return null;
            }
            var ticks = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(20));
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return null;
            }
            return new Token(BinaryPrimitives.ReadInt32BigEndian(payload), new Guid(payload.AsSpan(4, 16)), new DateTime(ticks, DateTimeKind.Utc));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The absolute link to the follow-up page, at the site's public address.</summary>
    public Uri Url(string token) =>
        new(calendar.PublicBaseUrl, (links.GetPathByPage("/FollowUps/Index", values: new { token })
            ?? throw new InvalidOperationException("The follow-up page has no route.")).TrimStart('/'));
}
