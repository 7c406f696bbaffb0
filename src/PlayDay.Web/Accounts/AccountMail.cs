using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Accounts;

/// <summary>
/// The emails about an account: confirm the address, someone tried to register it again, reset the
/// password. Links use the site's public address (Calendar:PublicBaseUrl), as invitations do.
/// </summary>
public sealed class AccountMail(PlayDayCalendar calendar, TimeProvider clock, LinkGenerator links)
{
    /// <summary>The confirmation link; it leads back to <paramref name="returnUrl"/> (say, the board whose QR code was scanned).</summary>
    public OutgoingMail Confirmation(AppUser user, string token, string? returnUrl = null)
    {
        var link = Link("/Account/Confirm", new() { ["userId"] = user.Id, ["code"] = Encode(token), ["returnUrl"] = returnUrl });
        return Compose(user, "Confirm your PlayDay account",
            [$"Hello {user.DisplayName},", "Follow this link to confirm your email address and finish creating your PlayDay account:"],
            link,
            ["The link works for a day. If you did not create an account, ignore this message: nothing happens without the link."]);
    }

    public OutgoingMail AlreadyRegistered(AppUser user) =>
        Compose(user, "Someone tried to create a PlayDay account with your address",
            [$"Hello {user.DisplayName},", "Someone, perhaps you, tried to create a PlayDay account with this email address. It already has one, and nothing was changed.",
                "Sign in as usual. If you have forgotten your password, choose a new one here:"],
            Link("/Account/Forgot", []),
            ["If it was not you, you can ignore this message."]);

    public OutgoingMail PasswordReset(AppUser user, string token)
    {
        var link = Link("/Account/Reset", new() { ["userId"] = user.Id, ["code"] = Encode(token) });
        return Compose(user, "Reset your PlayDay password",
            [$"Hello {user.DisplayName},", "Someone, hopefully you, asked to reset the password of your PlayDay account. Choose a new one here:"],
            link,
            ["The link works for a day. If you did not ask, ignore this message: your password stays as it is."]);
    }

    /// <summary>Identity's tokens hold characters that do not survive a URL; links carry them base64url-encoded.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token in a link, or null when the code is not one of ours (mangled by a mail client, typed by hand).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>An absolute link to a Razor page (by its page name) at the site's public address.</summary>
    private Uri Link(string page, Dictionary<string, string?> query) =>
        new(QueryHelpers.AddQueryString(
            calendar.PublicBaseUrl.AbsoluteUri.TrimEnd('/') + (links.GetPathByPage(page) ?? throw new InvalidOperationException($"There is no page {page}.")),
            query));

    private OutgoingMail Compose(AppUser user, string subject, string[] before, Uri link, string[] after) =>
        Letter.Compose(user.Email ?? throw new InvalidOperationException("An account without an email address cannot be mailed."),
            subject, before.Select(UserText.OneLine), link, after, clock.GetUtcNow().UtcDateTime);
}
