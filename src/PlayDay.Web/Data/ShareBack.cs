using System.Text.RegularExpressions;

namespace PlayDay.Web.Data;

/// <summary>What a team reports back: one per team, edited by its members.</summary>
public sealed partial class ShareBack
{
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 20_000;
    public const int MaxTags = 8;
    public const int TagMaxLength = 30;

    public int Id { get; set; }
    public int PlayDayId { get; set; }
    public int TeamId { get; set; }
    public Team? Team { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Tools used, lower-case, comma-separated.</summary>
    public string Tags { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime PostedAtUtc { get; set; }
    public string PostedBy { get; set; } = "";
    public DateTime? EditedAtUtc { get; set; }
    public string? EditedBy { get; set; }

    /// <summary>Goes up with every accepted change; an edit names the version it was based on, so a stale edit is refused, not lost.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Set when the share-back is deleted: it is hidden everywhere but kept, with its revisions, for organizers to restore.</summary>
    public DateTime? DeletedAtUtc { get; set; }
    public string? DeletedBy { get; set; }

    public bool IsDeleted => DeletedAtUtc is not null;

    /// <summary>Sent by the client with the first post, so a retried post is recognised and not posted twice.</summary>
    public Guid IdempotencyKey { get; set; }
    public List<ShareBackRevision> Revisions { get; } = [];

    /// <summary>What became of the discovery (the latest of <see cref="OutcomeUpdates"/>).</summary>
    public Outcome Outcome { get; set; }

    /// <summary>Before → after, as the team last reported them.</summary>
    public int? MinutesPerWeekBefore { get; set; }
    public int? MinutesPerWeekAfter { get; set; }
    public int? PeopleDoingTask { get; set; }
    public int? PeopleUsingNewWay { get; set; }
    public string? HowMeasured { get; set; }

    public Figures Figures => new(MinutesPerWeekBefore, MinutesPerWeekAfter, PeopleDoingTask, PeopleUsingNewWay, HowMeasured);

    public List<OutcomeUpdate> OutcomeUpdates { get; } = [];
    public List<Adoption> Adoptions { get; } = [];

    /// <summary>
    /// Records a new outcome and figures: the one way they change, so every change has its who, when
    /// and note. Dropping needs a reason; returns why the update is refused, or null.
    /// </summary>
    public string? Report(Outcome to, Figures figures, string? note, string by, DateTime atUtc, bool viaFollowUp = false)
    {
        note = UserText.Clean(note, multiLine: true);
        if (to == Outcome.Dropped && string.IsNullOrEmpty(note))
        {
            return "Say why it was dropped: the reason is what others learn from.";
        }
        if (note?.Length > OutcomeUpdate.NoteMaxLength)
        {
            return $"The note can be at most {OutcomeUpdate.NoteMaxLength} characters.";
        }
        if (UserText.Problem(note, multiLine: true) is { } noteProblem)
        {
            return noteProblem;
        }
        if (figures.Problem() is { } figuresProblem)
        {
            return figuresProblem;
        }
        OutcomeUpdates.Add(new OutcomeUpdate { ShareBackId = Id, From = Outcome, To = to, Note = string.IsNullOrEmpty(note) ? null : note, UpdatedBy = by, UpdatedAtUtc = atUtc, ViaFollowUp = viaFollowUp });
        Outcome = to;
        (MinutesPerWeekBefore, MinutesPerWeekAfter, PeopleDoingTask, PeopleUsingNewWay) = (figures.MinutesPerWeekBefore, figures.MinutesPerWeekAfter, figures.PeopleDoingTask, figures.PeopleUsingNewWay);
        HowMeasured = string.IsNullOrWhiteSpace(figures.HowMeasured) ? null : UserText.Clean(figures.HowMeasured, multiLine: true);
        return null;
    }

    /// <summary>The team's members (one name a line) when it was posted or last edited, kept for the archive: people move on.</summary>
    public string TeamMembers { get; set; } = "";

    /// <summary>What the member list may take: the column's length (PostgreSQL and SQL Server refuse a longer value).</summary>
    public const int TeamMembersMaxLength = 1000;

    /// <summary>
    /// The member list as stored: one name a line, each name on one line whatever it holds. A team whose
    /// names take more than <see cref="TeamMembersMaxLength"/> keeps those that fit and a last line counting the rest.
    /// </summary>
    public static string MemberLines(IEnumerable<string> names)
    {
        var lines = names.Select(UserText.OneLine).Where(n => n.Length > 0).ToList();
        var all = string.Join('\n', lines);
        if (all.Length <= TeamMembersMaxLength)
        {
            return all;
        }
        var kept = new List<string>();
        var length = 0;
        // Room for the count line, however many are left out.
        var room = TeamMembersMaxLength - $"\nand {lines.Count} more".Length;
        while (length + (kept.Count > 0 ? 1 : 0) + lines[kept.Count].Length <= room)
        {
            length += (kept.Count > 0 ? 1 : 0) + lines[kept.Count].Length;
            kept.Add(lines[kept.Count]);
        }
        kept.Add($"and {lines.Count - kept.Count} more");
        return string.Join('\n', kept);
    }

    /// <summary>Reaction counts carried in by an archive import ("WouldUse=3;GreatFailure=1"); live reactions add to them.</summary>
    public string? ImportedReactions { get; set; }

    public IReadOnlyList<string> MemberList => TeamMembers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Counts per kind: imported ones plus the live reactions to its team (load <c>Team.Reactions</c>).</summary>
    public Dictionary<ReactionKind, int> ReactionCounts()
    {
        var reactions = Team?.Reactions ?? [];
        return WithImported(Enum.GetValues<ReactionKind>().ToDictionary(k => k, k => reactions.Count(r => r.Kind == k)), ImportedReactions);
    }

    /// <summary>Live counts per kind (every kind a key) plus the ones an import carried in (<paramref name="imported"/>, as <see cref="ImportedReactions"/> holds them).</summary>
    public static Dictionary<ReactionKind, int> WithImported(Dictionary<ReactionKind, int> counts, string? imported)
    {
        foreach (var pair in (imported ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length == 2 && Enum.TryParse<ReactionKind>(parts[0], out var kind) && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var count))
            {
                counts[kind] += count;
            }
        }
        return counts;
    }

    /// <summary>An accepted edit: the current version is kept as a revision, and the version number goes up.</summary>
    public void Revise(string title, string tags, string body, string members, string by, DateTime atUtc)
    {
        Keep(RevisionKind.Edited, by, atUtc);
        Title = title;
        Tags = tags;
        Body = body;
        TeamMembers = members;
        EditedAtUtc = atUtc;
        EditedBy = by;
    }

    /// <summary>Hides the share-back everywhere; it stays, with its revisions, for an organizer to restore.</summary>
    public void Delete(string by, DateTime atUtc)
    {
        Keep(RevisionKind.Deleted, by, atUtc);
        DeletedAtUtc = atUtc;
        DeletedBy = by;
    }

    /// <summary>Brings a deleted share-back back as it was.</summary>
    public void Undelete(string by, DateTime atUtc)
    {
        Keep(RevisionKind.Restored, by, atUtc);
        DeletedAtUtc = null;
        DeletedBy = null;
    }

    private void Keep(RevisionKind kind, string by, DateTime atUtc)
    {
        Revisions.Add(new ShareBackRevision
        {
            ShareBackId = Id,
            Version = Version,
            Kind = kind,
            RevisedAtUtc = atUtc,
            RevisedBy = by,
            Title = Title,
            Tags = Tags,
            Body = Body,
        });
        Version++;
    }

    /// <summary>Why this title, these tags and this body cannot be stored, or null when they can (the text as typed, before trimming).</summary>
    public static string? Problem(string? title, string? tags, string? body)
    {
        title = title?.Trim();
        body = body?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return "Give the share-back a title.";
        }
        if (title.Length > TitleMaxLength)
        {
            return $"The title can be at most {TitleMaxLength} characters; it has {title.Length}.";
        }
        if (UserText.Problem(title) is { } titleProblem)
        {
            return "Title: " + titleProblem;
        }
        if (string.IsNullOrEmpty(body))
        {
            return "Write the share-back itself: what you tried, what worked and what broke.";
        }
        if (body.Length > BodyMaxLength)
        {
            return $"The share-back can be at most {BodyMaxLength} characters; it has {body.Length}.";
        }
        if (UserText.Problem(body, multiLine: true) is { } bodyProblem)
        {
            return "Share-back: " + bodyProblem;
        }
        return TagProblem(ParseTags(tags));
    }

    /// <summary>The stored form of a valid title, tags and body: trimmed, tags normalized, line endings "\n".</summary>
    public static (string Title, string Tags, string Body) Normalize(string title, string? tags, string body) =>
        (title.Trim(), string.Join(',', ParseTags(tags)), body.Trim().ReplaceLineEndings("\n"));

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Tool tags as people type them: comma-separated, trimmed, lower-case, each once.</summary>
    public static List<string> ParseTags(string? tags) =>
        (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Why these tags cannot be stored, or null when they can.</summary>
    public static string? TagProblem(IReadOnlyList<string> tags)
    {
        if (tags.Count > MaxTags)
        {
            return $"Name at most {MaxTags} tools; there are {tags.Count}.";
        }
        return tags.FirstOrDefault(t => t.Length > TagMaxLength || !TagPattern().IsMatch(t)) is { } bad
            ? $"“{bad}” is not a usable tool tag: use up to {TagMaxLength} letters, digits, spaces or . + # - characters."
            : null;
    }

    [GeneratedRegex(@"^[\p{L}\p{N} .+#-]+$")]
    private static partial Regex TagPattern();
}

/// <summary>What replaced a revision: an edit, a delete, or a restore after a delete.</summary>
public enum RevisionKind
{
    Edited = 0,
    Deleted = 1,
    Restored = 2,
}

/// <summary>A share-back as it was before a change: which change replaced it, who made it, and when.</summary>
public sealed class ShareBackRevision
{
    public int Id { get; set; }
    public int ShareBackId { get; set; }

    /// <summary>The share-back's version number this revision holds.</summary>
    public int Version { get; set; }
    public RevisionKind Kind { get; set; }
    public DateTime RevisedAtUtc { get; set; }
    public string RevisedBy { get; set; } = "";
    public string Title { get; set; } = "";
    public string Tags { get; set; } = "";
    public string Body { get; set; } = "";
}

/// <summary>The reactions people can give a share-back: about reuse, not popularity.</summary>
public enum ReactionKind
{
    WouldUse = 0,
    TryThisWeek = 1,
    TriedAlready = 2,
    GreatFailure = 3,
}

/// <summary>How each reaction is shown: its words and its symbol.</summary>
public static class ReactionLabels
{
    public static readonly ReactionKind[] All = Enum.GetValues<ReactionKind>();

    public static string Label(ReactionKind kind) => kind switch
    {
        ReactionKind.WouldUse => "I'd use this",
        ReactionKind.TryThisWeek => "I'll try this week",
        ReactionKind.TriedAlready => "Tried it already",
        ReactionKind.GreatFailure => "Great failure",
        _ => kind.ToString(),
    };

    public static string Symbol(ReactionKind kind) => kind switch
    {
        ReactionKind.WouldUse => "👍",
        ReactionKind.TryThisWeek => "🧪",
        ReactionKind.TriedAlready => "✅",
        ReactionKind.GreatFailure => "💥",
        _ => "",
    };
}

/// <summary>One person's reaction to a team's share-back (or to its presentation, before the write-up is posted).</summary>
public sealed class Reaction
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
    public ReactionKind Kind { get; set; }
}
