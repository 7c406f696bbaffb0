using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Discoveries;

/// <summary>
/// The emails that keep a discovery moving after its play day: its team hears when someone wants to
/// try it or uses it now, and of questions asked once the room has gone home; the person who asked
/// hears the answer. Mail is queued in the caller's transaction, so it goes if and only if the change does.
/// </summary>
public sealed class DiscoveryMail(PlayDayDbContext db, PlayDayCalendar calendar, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task TellDiscoverersAsync(ShareBack shareBack, Adoption adoption)
    {
        var (subject, news) = adoption.Stage switch
        {
            AdoptionStage.UsingNow => ($"{adoption.TeamName} uses “{shareBack.Title}” now",
                $"{adoption.PersonName} says {adoption.TeamName} uses your discovery “{shareBack.Title}” in its work now. It is spreading."),
            _ => ($"{adoption.PersonName} wants to try “{shareBack.Title}”",
                $"{adoption.PersonName} ({adoption.TeamName}) wants to try your discovery “{shareBack.Title}”. A word from you may be what gets it working for them."),
        };
        await TellTeamAsync(shareBack, subject, [news], ["You get this because you presented this share-back at a PlayDay play day."]);
    }

    public Task QuestionAskedAsync(ShareBack shareBack, Question question) =>
        TellTeamAsync(shareBack, $"A question about “{shareBack.Title}”",
            [$"{question.AskedBy} asked about your share-back “{shareBack.Title}”:", question.Text, "Answer it on the share-back's page:"],
            ["You get this because you presented this share-back at a PlayDay play day."]);

    public async Task AnsweredAsync(ShareBack shareBack, Question question)
    {
        if (await db.Users.AsNoTracking().Where(u => u.Id == question.AskedByUserId && u.EmailConfirmed).Select(u => u.Email).SingleOrDefaultAsync() is { } email)
        {
            db.OutgoingMails.Add(Letter.Compose(email, $"{shareBack.Team?.Name} answered your question about “{shareBack.Title}”",
                [$"You asked: {question.Text}", $"{question.AnsweredBy} answered: {question.Answer}"],
                calendar.ShareBackUrl(shareBack.Id), [], Now, shareBack.PlayDayId));
        }
    }

    private async Task TellTeamAsync(ShareBack shareBack, string subject, string[] before, string[] after)
    {
        var emails = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == shareBack.TeamId && m.User!.EmailConfirmed && m.User.Email != null)
            .Select(m => m.User!.Email!).ToListAsync();
        var link = calendar.ShareBackUrl(shareBack.Id);
        db.OutgoingMails.AddRange(emails.Select(to => Letter.Compose(to, subject, before, link, after, Now, shareBack.PlayDayId)));
    }
}
