namespace PlayDay.Web.Data;

/// <summary>
/// A question to a team about its discovery: asked by anyone during the share-back or later,
/// upvoted (one vote a person), answered by the team, and kept with the share-back in the archive.
/// </summary>
public sealed class Question
{
    public const int TextMaxLength = 1000;
    public const int AnswerMaxLength = 5000;

    /// <summary>Questions one team can hold, so a board never has to show an endless list.</summary>
    public const int MaxPerTeam = 200;

    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public int TeamId { get; set; }
    public string Text { get; set; } = "";
    public string AskedByUserId { get; set; } = "";
    public string AskedBy { get; set; } = "";
    public DateTime AskedAtUtc { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public List<QuestionVote> Votes { get; } = [];

    /// <summary>Why this question text cannot be stored, or null.</summary>
    public static string? TextProblem(string? text) => Problem(text, TextMaxLength, "Write the question.", "question");

    /// <summary>Why this answer cannot be stored, or null.</summary>
    public static string? AnswerProblem(string? text) => Problem(text, AnswerMaxLength, "Write the answer.", "answer");

    private static string? Problem(string? text, int max, string empty, string what)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return empty;
        }
        if (text.Length > max)
        {
            return $"The {what} can be at most {max} characters; it has {text.Length}.";
        }
        return UserText.Problem(text, multiLine: true);
    }
}

/// <summary>One person's vote for a question.</summary>
public sealed class QuestionVote
{
    public int QuestionId { get; set; }
    public string UserId { get; set; } = "";
}
