using MimeKit;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>The one rule for an email address the app sends to or from: a single mailbox with a dotted domain.</summary>
public static class EmailAddress
{
    /// <summary>The bare address in <paramref name="text"/> ("a@b.c" or "Name &lt;a@b.c&gt;"), or null when it is not one.</summary>
    public static string? Parse(string? text)
    {
        // A line break here would be a header injection; refuse it rather than let a parser decide.
        if (string.IsNullOrWhiteSpace(text) || text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return null;
        }
        if (!MailboxAddress.TryParse(ParserOptions.Default, text.Trim(), out var mailbox) || mailbox.Route.Count > 0)
        {
            return null;
        }
        var address = mailbox.Address;
        var domain = mailbox.Domain;
        var valid = mailbox.LocalPart.Length > 0
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal)
            && address.Length <= Invitee.EmailMaxLength
            && !address.Any(char.IsWhiteSpace);
        return valid ? address : null;
    }
}
