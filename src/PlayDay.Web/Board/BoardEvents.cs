using PlayDay.Web.Data;
using PlayDay.Web.Markdown;

namespace PlayDay.Web.Board;

/// <summary>
/// What the server tells every screen of a board. Each event carries the board's sequence number and
/// what changed, prepared once on the server (a card with its rendered Markdown, a team's counts, the
/// lineup): screens apply it as it is and never fetch anything to show it.
/// </summary>
public interface IBoardClient
{
    Task ShareBackPosted(ShareBackPosted e);
    Task ShareBackEdited(ShareBackEdited e);
    Task ReactionsChanged(ReactionsChanged e);
    Task ShareBackDeleted(ShareBackDeleted e);
    Task SessionChanged(SessionChanged e);
    Task QueueChanged(QueueChanged e);
    Task QuestionsChanged(QuestionsChanged e);

    /// <summary>Only to one person's own screens: what they reacted to, after they reacted on another screen.</summary>
    Task YourReactionsChanged(YourReactionsChanged e);
}

/// <summary>One numbered change on one board.</summary>
public abstract record BoardEvent(long Sequence, int PlayDayId);

public sealed record ShareBackPosted(long Sequence, int PlayDayId, ShareBackCard Card) : BoardEvent(Sequence, PlayDayId);

public sealed record ShareBackEdited(long Sequence, int PlayDayId, ShareBackCard Card) : BoardEvent(Sequence, PlayDayId);

/// <summary>A share-back left the board (deleted); a restore arrives as <see cref="ShareBackPosted"/>.</summary>
public sealed record ShareBackDeleted(long Sequence, int PlayDayId, int ShareBackId) : BoardEvent(Sequence, PlayDayId);

/// <summary>A team's reaction counts (absolute, so a screen that missed one update is right after the next). Coalesced: a few a second per team.</summary>
public sealed record ReactionsChanged(long Sequence, int PlayDayId, int TeamId, IReadOnlyDictionary<string, int> Counts) : BoardEvent(Sequence, PlayDayId);

/// <summary>The presenter or the timer changed; the lineup comes along (who presented, estimated slots).</summary>
public sealed record SessionChanged(long Sequence, int PlayDayId, SessionInfo Session, IReadOnlyList<QueueEntry> Queue) : BoardEvent(Sequence, PlayDayId);

/// <summary>The teams or their order changed.</summary>
public sealed record QueueChanged(long Sequence, int PlayDayId, SessionInfo Session, IReadOnlyList<QueueEntry> Queue) : BoardEvent(Sequence, PlayDayId);

/// <summary>A team's questions: asked, voted, answered or removed (coalesced like reactions).</summary>
public sealed record QuestionsChanged(long Sequence, int PlayDayId, int TeamId, IReadOnlyList<QuestionCard> Questions) : BoardEvent(Sequence, PlayDayId);

public sealed record YourReactionsChanged(int PlayDayId, int TeamId, IReadOnlyList<string> Mine);

/// <summary>A share-back as every screen shows it; <c>Html</c> is its Markdown, rendered once per version and safe to insert.</summary>
public sealed record ShareBackCard(int Id, int TeamId, string TeamName, string Title, IReadOnlyList<string> Tags, RenderedMarkdown Html,
    DateTime PostedAtUtc, string PostedBy, DateTime? EditedAtUtc, string? EditedBy, int Version, IReadOnlyDictionary<string, int> Counts,
    DiscoveryCard Discovery);

/// <summary>
/// What became of a discovery, as its team reports it: the outcome, before → after figures (shown as
/// "reported by the team"), and the other teams that use it now or want to try it.
/// </summary>
public sealed record DiscoveryCard(string Outcome, string OutcomeLabel, FiguresCard? Figures, IReadOnlyList<string> UsedBy, int WantToTry)
{
    public static DiscoveryCard Of(ShareBack shareBack, IEnumerable<Adoption> adoptions)
    {
        var list = adoptions.ToList();
        var figures = shareBack.Figures;
        return new(shareBack.Outcome.ToString(), Outcomes.Label(shareBack.Outcome),
            figures.Any || figures.HowMeasured is not null ? new FiguresCard(figures.MinutesPerWeekBefore, figures.MinutesPerWeekAfter, figures.PeopleDoingTask,
                figures.PeopleUsingNewWay, figures.HowMeasured, figures.MinutesSavedPerWeek, figures.Summary()) : null,
            list.Where(a => a.Stage == AdoptionStage.UsingNow).Select(a => a.TeamName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            list.Count(a => a.Stage == AdoptionStage.WantToTry));
    }
}

/// <summary>Before → after figures of one discovery, as its team reported them.</summary>
public sealed record FiguresCard(int? MinutesPerWeekBefore, int? MinutesPerWeekAfter, int? PeopleDoingTask, int? PeopleUsingNewWay, string? HowMeasured,
    int? MinutesSavedPerWeek, string? Summary);

/// <summary>
/// The share-back session as screens count it: they count down to <c>EndsAtUtc</c> (corrected by
/// <c>ServerNowUtc</c>) or show <c>RemainingMs</c> while paused; <c>Finished</c> once every team presented.
/// </summary>
public sealed record SessionInfo(bool Started, int? CurrentTeamId, string? CurrentTeamName, DateTime? EndsAtUtc, bool Paused, long? RemainingMs,
    DateTime ServerNowUtc, int SlotSeconds, int? NextTeamId, string? NextTeamName, bool Finished, int? ShownQuestionId);

/// <summary>A team in the share-back queue, with when its slot is expected to start.</summary>
public sealed record QueueEntry(int Id, string Name, string Plan, string Ask, bool Skipped, bool Presented, bool Presenting,
    DateTime? SlotStartsAtUtc, IReadOnlyList<string> Members);

/// <summary>A question as screens show it: text and answer rendered, votes counted.</summary>
public sealed record QuestionCard(int Id, int TeamId, RenderedMarkdown Html, string AskedBy, DateTime AskedAtUtc, int Votes,
    RenderedMarkdown? AnswerHtml, string? AnsweredBy, DateTime? AnsweredAtUtc);
