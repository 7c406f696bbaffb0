using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Markdown;
using PlayDay.Web.Templates;

namespace PlayDay.Web.Calendar;

/// <summary>
/// Composes the invitation, update and cancellation emails for one invitee: a readable text and
/// HTML body plus a text/calendar part whose method matches the VCALENDAR's METHOD (RFC 6047).
/// </summary>
public sealed class InviteMail(PlayDayCalendar calendar, MarkdownRenderer markdown, TemplateFiles templates)
{
    /// <summary>
    /// Queues one message per invitee (so no invitee sees the others' addresses) and returns how many.
    /// A first invitation goes to the invitees added to <paramref name="db"/> and not saved yet; an update
    /// or a cancellation goes to everyone invited. Saving is the caller's, in the same unit of work.
    /// </summary>
    public async Task<int> QueueForInviteesAsync(PlayDayDbContext db, PlayDayEvent playDay, CalendarMethod method, bool isUpdate, DateTime nowUtc)
    {
        var recipients = isUpdate
            ? await db.Invitees.Where(i => i.PlayDayId == playDay.Id).Select(i => i.Email).ToListAsync()
            : db.ChangeTracker.Entries<Invitee>()
                .Where(e => e.State == EntityState.Added && e.Entity.PlayDayId == playDay.Id)
                .Select(e => e.Entity.Email)
                .ToList();
        db.OutgoingMails.AddRange(recipients.Select(to => Compose(playDay, to, method, isUpdate, nowUtc)));
        return recipients.Count;
    }

    public OutgoingMail Compose(PlayDayEvent playDay, string to, CalendarMethod method, bool isUpdate, DateTime nowUtc)
    {
        var cancel = method == CalendarMethod.Cancel;
        var times = playDay.Times;
        var when = $"{times.LocalLabel} {times.Zone.Id} ({times.UtcOffsetLabel})";
        var utc = string.Create(CultureInfo.InvariantCulture, $"{times.StartsAtUtc:ddd d MMM yyyy, HH:mm}–{times.EndsAtUtc:HH:mm} UTC");
        var page = calendar.PageUrl(playDay.Id).AbsoluteUri;
        var (subjectPrefix, lead) = (cancel, isUpdate) switch
        {
            (true, _) => ("Cancelled", $"{playDay.Title} is cancelled." + (playDay.CancellationReason is { } reason ? $" Reason: {reason}" : "")),
            (false, true) => ("Updated", $"{playDay.Title} has changed. Your calendar will update when you accept this."),
            _ => ("Invitation", ""),
        };
        // The invitation's opening comes from templates/invite.md, so organizers can word it themselves.
        var invitation = cancel || isUpdate ? null : templates.Fill(TemplateFiles.Invitation, new Dictionary<string, string>
        {
            ["title"] = playDay.Title,
            ["quarter"] = playDay.Quarter.ToString(),
            ["sharebackminutes"] = playDay.ShareBackMinutes.ToString(CultureInfo.InvariantCulture),
        }).Trim();
        lead = invitation ?? lead;

        var text = new StringBuilder()
            .AppendLine(lead)
            .AppendLine()
            .AppendLine("When:  " + when)
            .AppendLine("       = " + utc);
        if (playDay.Location is not null)
        {
            text.AppendLine("Where: " + playDay.Location);
        }
        if (playDay.VideoLink is not null)
        {
            text.AppendLine("Join:  " + playDay.VideoLink);
        }
        text.AppendLine("More:  " + page);
        if (!cancel)
        {
            text.AppendLine().AppendLine("Theme and brief").AppendLine("---------------").AppendLine(playDay.Brief);
        }

        var e = HtmlEncoder.Default;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">")
            .Append(invitation is null ? $"<p><strong>{e.Encode(lead)}</strong></p>" : markdown.ToHtml(invitation, "invite-"))
            .Append("<table role=\"presentation\">")
            .Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">When</th><td>{e.Encode(when)}<br>{e.Encode(utc)}</td></tr>");
        if (playDay.Location is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Where</th><td>{e.Encode(playDay.Location)}</td></tr>");
        }
        if (playDay.VideoLink is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Join</th><td><a href=\"{e.Encode(playDay.VideoLink)}\">{e.Encode(playDay.VideoLink)}</a></td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">More</th><td><a href=\"{e.Encode(page)}\">{e.Encode(page)}</a></td></tr></table>");
        if (!cancel)
        {
            html.Append("<h2>Theme and brief</h2>").Append(markdown.ToHtml(playDay.Brief, "brief-"));
        }
        html.Append("</body></html>");

        var ics = calendar.Document(method, [playDay], nowUtc, attendees: [new CalendarPerson(to)]);
        return new OutgoingMail
        {
            PlayDayId = playDay.Id,
            To = to,
            // Headers hold one line, whatever an older row or an import put into the title.
            Subject = UserText.OneLine($"{subjectPrefix}: {playDay.Title} ({times.LocalLabel} {times.Zone.Id})"),
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
            CalendarMethod = method.ToString().ToUpperInvariant(),
            Calendar = ics,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
    }
}
