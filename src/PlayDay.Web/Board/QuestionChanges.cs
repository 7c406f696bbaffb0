using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Board;

/// <summary>
/// The one write path for questions to a team about its discovery, used by the live board and the
/// share-back's page alike: anyone asks and votes (while the play day is open, and in the archive
/// afterwards), the team (or an organizer) answers, the asker (or an organizer) takes a question
/// down. Screens hear of it with the next batch; once the play day is over, the team is told of a
/// question by email, and the asker of the answer.
/// </summary>
public sealed class QuestionChanges(PlayDayDbContext db, BoardBroadcasts broadcasts, DiscoveryMail mail, OutboxSignal outbox, TimeProvider clock)
{
    public sealed record Result(int Status = 200, string? Refusal = null, int? QuestionId = null)
    {
        public bool Refused => Refusal is not null;

        public static Result Refuse(int status, string reason) => new(status, reason);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result> AskAsync(int playDayId, int teamId, Actor actor, string? text)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playDayId) is not { } playDay || !await db.Teams.AnyAsync(t => t.Id == teamId && t.PlayDayId == playDayId))
        {
            return Result.Refuse(404, "There is no such team on this board.");
        }
        if (playDay.Refusal(PlayDayAction.AskQuestion, Now) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        if (Question.TextProblem(text) is { } problem)
        {
            return Result.Refuse(400, problem);
        }
        if (await db.Questions.CountAsync(q => q.TeamId == teamId) >= Question.MaxPerTeam)
        {
            return Result.Refuse(409, $"This team has {Question.MaxPerTeam} questions already; vote for one of them instead.");
        }
        var question = new Question
        {
            PlayDayId = playDayId,
            TeamId = teamId,
            Text = UserText.Clean(text, multiLine: true)!,
            AskedByUserId = actor.UserId,
            AskedBy = actor.Name,
            AskedAtUtc = Now,
        };
        db.Questions.Add(question);
        var mailed = false;
        if (playDay.StateAt(Now) == PlayDayState.Past && await ShareBackOfAsync(teamId) is { } shareBack)
        {
            await mail.QuestionAskedAsync(shareBack, question);
            mailed = true;
        }
        await db.SaveChangesAsync();
        Done(playDayId, teamId, mailed);
        return new Result(QuestionId: question.Id);
    }

    /// <summary>One vote per person per question, set on or off.</summary>
    public async Task<Result> VoteAsync(int playDayId, int questionId, Actor actor, bool? on)
    {
        if (on is not { } wanted)
        {
            return Result.Refuse(400, "Say whether the vote is on or off (on=true or on=false).");
        }
        if (await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == questionId && q.PlayDayId == playDayId) is not { } question)
        {
            return Result.Refuse(404, "There is no such question on this board.");
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == playDayId);
        if (playDay.Refusal(PlayDayAction.AskQuestion, Now) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        var existing = await db.QuestionVotes.SingleOrDefaultAsync(v => v.QuestionId == questionId && v.UserId == actor.UserId);
        if (wanted && existing is null)
        {
            db.QuestionVotes.Add(new QuestionVote { QuestionId = questionId, UserId = actor.UserId });
        }
        else if (!wanted && existing is not null)
        {
            db.QuestionVotes.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (!CannotSave.IsStorageFailure(e))
        {
            // The same vote from two screens at once: the database kept one, which is what was asked.
            // (Storage that fails is not a race: it goes on to the 503 "cannot save", never a silent success.)
            db.ChangeTracker.Clear();
        }
        Done(playDayId, question.TeamId, mailed: false);
        return new Result(QuestionId: questionId);
    }

    /// <summary>The team (or an organizer) answers; answers may come after the play day, as the archive keeps them.</summary>
    public async Task<Result> AnswerAsync(int playDayId, int questionId, Actor actor, string? text)
    {
        if (await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId && q.PlayDayId == playDayId) is not { } question)
        {
            return Result.Refuse(404, "There is no such question on this board.");
        }
        if (!actor.IsOrganizer && !await db.TeamMembers.AnyAsync(m => m.TeamId == question.TeamId && m.UserId == actor.UserId))
        {
            return Result.Refuse(403, "Only the team (or an organizer) answers its questions.");
        }
        var playDay = await db.PlayDays.AsNoTracking().SingleAsync(p => p.Id == playDayId);
        if (playDay.Refusal(PlayDayAction.EditShareBack, Now, actor.IsOrganizer) is { } closed)
        {
            return Result.Refuse(409, closed);
        }
        if (Question.AnswerProblem(text) is { } problem)
        {
            return Result.Refuse(400, problem);
        }
        question.Answer = UserText.Clean(text, multiLine: true);
        question.AnsweredBy = actor.Name;
        question.AnsweredAtUtc = Now;
        var mailed = false;
        if (playDay.StateAt(Now) == PlayDayState.Past && question.AskedByUserId != actor.UserId && await ShareBackOfAsync(question.TeamId) is { } shareBack)
        {
            await mail.AnsweredAsync(shareBack, question);
            mailed = true;
        }
        await db.SaveChangesAsync();
        Done(playDayId, question.TeamId, mailed);
        return new Result(QuestionId: questionId);
    }

    /// <summary>The person who asked, or an organizer, takes a question down.</summary>
    public async Task<Result> RemoveAsync(int playDayId, int questionId, Actor actor)
    {
        if (await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId && q.PlayDayId == playDayId) is not { } question)
        {
            return Result.Refuse(404, "There is no such question on this board.");
        }
        if (!actor.IsOrganizer && question.AskedByUserId != actor.UserId)
        {
            return Result.Refuse(403, "Only the person who asked (or an organizer) can take a question down.");
        }
        db.Questions.Remove(question);
        await db.SaveChangesAsync();
        Done(playDayId, question.TeamId, mailed: false);
        return new Result(QuestionId: questionId);
    }

    private Task<ShareBack?> ShareBackOfAsync(int teamId) => ShareBackWithTeam(db, teamId).SingleOrDefaultAsync();

    /// <summary>A team's share-back (not deleted) with its team, for the emails a question or answer sends (BoardQueryTests compiles it).</summary>
    public static IQueryable<ShareBack> ShareBackWithTeam(PlayDayDbContext db, int teamId) => db.ShareBacks.Include(s => s.Team).Where(s => s.TeamId == teamId);

    private void Done(int playDayId, int teamId, bool mailed)
    {
        broadcasts.QuestionsChanged(playDayId, teamId);
        if (mailed)
        {
            outbox.Wake();
        }
    }
}
