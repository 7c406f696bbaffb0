using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Health;

namespace PlayDay.Web.Pulse;

/// <summary>
/// The one write path for the anonymous pulse: a person answers (once per play day and moment),
/// organizers mark themes and edit the questions. The answer rows never learn who wrote them; the
/// separate "has answered" row never learns what.
/// </summary>
public sealed class PulseChanges(PlayDayDbContext db, TimeProvider clock)
{
    public sealed record Result(int Status = 200, string? Refusal = null)
    {
        public bool Refused => Refusal is not null;

        public static readonly Result Done = new();

        public static Result Refuse(int status, string reason) => new(status, reason);
    }

    /// <summary>The moment a play day asks about now: joining before and during it, looking back once it is over.</summary>
    public static PulseMoment? MomentOf(PlayDayEvent playDay, DateTime nowUtc) => playDay.StateAt(nowUtc) switch
    {
        PlayDayState.Upcoming or PlayDayState.Live => PulseMoment.Joining,
        PlayDayState.Past => PulseMoment.AfterPlayDay,
        _ => null,
    };

    public async Task<Result> AnswerAsync(int playDayId, string userId, IReadOnlyList<string?> texts)
    {
        if (await db.PlayDays.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playDayId) is not { } playDay)
        {
            return Result.Refuse(404, "There is no such play day.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (MomentOf(playDay, now) is not { } moment)
        {
            return Result.Refuse(409, "This play day is cancelled, so it asks nothing.");
        }
        var questions = playDay.PulseQuestions(moment);
        var answers = new List<PulseAnswer>();
        for (var i = 0; i < questions.Count; i++)
        {
            var text = UserText.Clean(i < texts.Count ? texts[i] : null, multiLine: true);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            if (text.Length > PulseAnswer.TextMaxLength)
            {
                return Result.Refuse(400, $"An answer can be at most {PulseAnswer.TextMaxLength} characters.");
            }
            if (UserText.Problem(text, multiLine: true) is { } problem)
            {
                return Result.Refuse(400, problem);
            }
            // A random key (not time-ordered) and only the day: nothing orders the answers by when they came.
            answers.Add(new PulseAnswer { Id = Guid.NewGuid(), PlayDayId = playDayId, Moment = moment, Question = questions[i], Text = text, Day = DateOnly.FromDateTime(now) });
        }
        if (answers.Count == 0)
        {
            return Result.Refuse(400, "Nothing to send: answer at least one question, or just skip them.");
        }
        if (await db.PulseResponses.AnyAsync(r => r.PlayDayId == playDayId && r.Moment == moment && r.UserId == userId))
        {
            return Result.Refuse(409, "You have answered these already. Thank you!");
        }
        db.PulseResponses.Add(new PulseResponse { PlayDayId = playDayId, Moment = moment, UserId = userId });
        db.PulseAnswers.AddRange(answers.OrderBy(a => a.Id));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (!CannotSave.IsStorageFailure(e))
        {
            // The same person in two tabs: the response's key refuses the second, answers and all.
            // (Storage that fails is not a race: it goes on to the 503 "cannot save", never a silent success.)
            return Result.Refuse(409, "You have answered these already. Thank you!");
        }
        return Result.Done;
    }

    /// <summary>An organizer marks an answer that is shown with a theme, or clears it (empty).</summary>
    public async Task<Result> MarkThemeAsync(int playDayId, Guid answerId, string? theme)
    {
        theme = UserText.Clean(theme);
        if (theme?.Length > PulseAnswer.ThemeMaxLength)
        {
            return Result.Refuse(400, $"A theme can be at most {PulseAnswer.ThemeMaxLength} characters.");
        }
        if (UserText.Problem(theme) is { } problem)
        {
            return Result.Refuse(400, problem);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var answer = await db.PulseAnswers.SingleOrDefaultAsync(a => a.Id == answerId && a.PlayDayId == playDayId);
        if (answer is null || !await PulseResults.IsShownAsync(db, answer.PlayDayId, answer.Moment, answer.Question, today) || answer.Day >= today)
        {
            return Result.Refuse(404, "There is no such answer to mark.");
        }
        answer.Theme = string.IsNullOrEmpty(theme) ? null : theme;
        await db.SaveChangesAsync();
        return Result.Done;
    }

    /// <summary>Organizers choose the questions (one a line, at most three a moment).</summary>
    public async Task<Result> EditQuestionsAsync(int playDayId, string? joining, string? after)
    {
        if (await db.PlayDays.SingleOrDefaultAsync(p => p.Id == playDayId) is not { } playDay)
        {
            return Result.Refuse(404, "There is no such play day.");
        }
        var lists = new List<string>();
        foreach (var (text, what) in new[] { (joining, "joining a team"), (after, "after the play day") })
        {
            var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => UserText.Clean(l) ?? "").Where(l => l.Length > 0).ToList();
            if (lines.Count is 0 or > PlayDayEvent.MaxPulseQuestions)
            {
                return Result.Refuse(400, $"Ask one to {PlayDayEvent.MaxPulseQuestions} questions {what}, one a line.");
            }
            if (lines.FirstOrDefault(l => l.Length > PlayDayEvent.PulseQuestionMaxLength) is { })
            {
                return Result.Refuse(400, $"A question can be at most {PlayDayEvent.PulseQuestionMaxLength} characters.");
            }
            if (lines.Select(l => UserText.Problem(l)).FirstOrDefault(p => p is not null) is { } problem)
            {
                return Result.Refuse(400, problem);
            }
            lists.Add(string.Join('\n', lines));
        }
        (playDay.PulseJoiningQuestions, playDay.PulseAfterQuestions) = (lists[0], lists[1]);
        await db.SaveChangesAsync();
        return Result.Done;
    }
}
