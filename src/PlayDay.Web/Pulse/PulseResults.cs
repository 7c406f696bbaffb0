using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Pulse;

/// <summary>One question's answers as organizers may see them: none under five, never today's, in no order.</summary>
public sealed record PulseQuestionResult(PulseMoment Moment, string Question, IReadOnlyList<PulseAnswer> Answers)
{
    public bool Shown => Answers.Count >= PulseAnswer.ShownFrom;
}

/// <summary>Themes organizers marked, counted per quarter.</summary>
public sealed record PulseThemes(IReadOnlyList<Quarter> Quarters, IReadOnlyList<(string Theme, IReadOnlyDictionary<Quarter, int> Counts)> Rows);

public static class PulseResults
{
    /// <summary>Answers given before <paramref name="today"/> (today's could be matched to who just joined), grouped by question.</summary>
    public static async Task<List<PulseQuestionResult>> ForAsync(PlayDayDbContext db, PlayDayEvent playDay, DateOnly today)
    {
        var answers = await db.PulseAnswers.AsNoTracking().Where(a => a.PlayDayId == playDay.Id && a.Day < today).OrderBy(a => a.Id).ToListAsync();
        var results = new List<PulseQuestionResult>();
        foreach (var moment in Enum.GetValues<PulseMoment>())
        {
            var asked = playDay.PulseQuestions(moment);
            var questions = asked.Concat(answers.Where(a => a.Moment == moment).Select(a => a.Question)).Distinct(StringComparer.Ordinal);
            results.AddRange(questions.Select(q => new PulseQuestionResult(moment, q, answers.Where(a => a.Moment == moment && a.Question == q).ToList())));
        }
        return results;
    }

    public static async Task<bool> IsShownAsync(PlayDayDbContext db, int playDayId, PulseMoment moment, string question, DateOnly today) =>
        await db.PulseAnswers.CountAsync(a => a.PlayDayId == playDayId && a.Moment == moment && a.Question == question && a.Day < today) >= PulseAnswer.ShownFrom;

    /// <summary>Marked themes across quarters (the play day's quarter), most frequent first.</summary>
    public static async Task<PulseThemes> ThemesAsync(PlayDayDbContext db)
    {
        var rows = await db.PulseAnswers.AsNoTracking().Where(a => a.Theme != null)
            .Join(db.PlayDays, a => a.PlayDayId, p => p.Id, (a, p) => new { a.Theme, p.Date })
            .GroupBy(r => new { r.Theme, r.Date }).Select(g => new { g.Key.Theme, g.Key.Date, Count = g.Count() }).ToListAsync();
        var byTheme = rows.GroupBy(r => r.Theme!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Theme: g.First().Theme!, Counts: (IReadOnlyDictionary<Quarter, int>)g.GroupBy(r => Quarter.Of(r.Date)).ToDictionary(q => q.Key, q => q.Sum(r => r.Count))))
            .OrderByDescending(t => t.Counts.Values.Sum()).ThenBy(t => t.Theme, StringComparer.OrdinalIgnoreCase).ToList();
        var quarters = byTheme.SelectMany(t => t.Counts.Keys).Distinct().OrderBy(q => q.Year).ThenBy(q => q.Number).ToList();
        return new PulseThemes(quarters, byTheme);
    }
}
