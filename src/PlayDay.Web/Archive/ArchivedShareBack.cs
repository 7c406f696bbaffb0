using System.Globalization;
using System.Text;
using System.Text.Json;
using PlayDay.Web.Data;

namespace PlayDay.Web.Archive;

/// <summary>
/// One share-back as a Markdown file with YAML front matter: readable in any editor or wiki, and the
/// backup format. Every front-matter value is written as JSON, which is valid YAML (flow style) and
/// keeps exports byte for byte as they were; it is read back as YAML (<see cref="FrontMatter"/>),
/// so a file edited by hand in any valid YAML style reads too.
/// </summary>
public sealed record ArchivedShareBack(
    string Title,
    string Team,
    IReadOnlyList<string> Members,
    string PlayDay,
    Guid PlayDayUid,
    DateOnly PlayDayDate,
    TimeOnly PlayDayStarts,
    TimeOnly PlayDayEnds,
    string TimeZone,
    string Quarter,
    IReadOnlyList<string> Tags,
    DateTime PostedAtUtc,
    string PostedBy,
    DateTime? EditedAtUtc,
    string? EditedBy,
    IReadOnlyDictionary<ReactionKind, int> Reactions,
    string Body)
{
    private const string Fence = "---";

    // Keeps accents, arrows and emoji readable in the file; quotes and control characters are still escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ArchivedShareBack From(ShareBack shareBack, PlayDayEvent playDay) => new(
        shareBack.Title,
        shareBack.Team?.Name ?? "",
        shareBack.MemberList,
        playDay.Title,
        playDay.CalendarUid,
        playDay.Date,
        playDay.StartTime,
        playDay.EndTime,
        playDay.TimeZoneId,
        playDay.Quarter.ToString(),
        shareBack.TagList,
        shareBack.PostedAtUtc,
        shareBack.PostedBy,
        shareBack.EditedAtUtc,
        shareBack.EditedBy,
        shareBack.ReactionCounts(),
        shareBack.Body);

    public string ToMarkdown()
    {
        var text = new StringBuilder().Append(Fence).Append('\n');
        void Field(string name, object? value) => text.Append(name).Append(": ").Append(JsonSerializer.Serialize(value, Json)).Append('\n');
        Field("title", Title);
        Field("team", Team);
        Field("members", Members);
        Field("play_day", PlayDay);
        Field("play_day_uid", PlayDayUid.ToString("D"));
        Field("play_day_date", PlayDayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field("play_day_starts", PlayDayStarts.ToString("HH:mm", CultureInfo.InvariantCulture));
        Field("play_day_ends", PlayDayEnds.ToString("HH:mm", CultureInfo.InvariantCulture));
        Field("time_zone", TimeZone);
        Field("quarter", Quarter);
        Field("tags", Tags);
        Field("posted_at", Stamp(PostedAtUtc));
        Field("posted_by", PostedBy);
        Field("edited_at", EditedAtUtc is { } edited ? Stamp(edited) : null);
        Field("edited_by", EditedBy);
        Field("reactions", Enum.GetValues<ReactionKind>().ToDictionary(ReactionKey, k => Reactions.GetValueOrDefault(k)));
        return text.Append(Fence).Append('\n').Append(Body).Append('\n').ToString();
    }

    /// <summary>The front-matter fields, in the order <see cref="ToMarkdown"/> writes them.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "title", "team", "members", "play_day", "play_day_uid", "play_day_date", "play_day_starts", "play_day_ends",
        "time_zone", "quarter", "tags", "posted_at", "posted_by", "edited_at", "edited_by", "reactions",
    ];

    /// <summary>
    /// Reads a file written by <see cref="ToMarkdown"/>, or edited by hand: any valid YAML for the
    /// same fields will do (plain or quoted text, flow or block lists, comments, CRLF line ends).
    /// A <see cref="FormatException"/> says what is wrong, naming the field.
    /// </summary>
    public static ArchivedShareBack Parse(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..]; // a byte order mark, as some Windows editors save
        }
        if (!text.StartsWith(Fence + "\n", StringComparison.Ordinal))
        {
            throw new FormatException("it does not start with front matter (a line of ---).");
        }
        var end = text.IndexOf("\n" + Fence + "\n", Fence.Length, StringComparison.Ordinal);
        if (end < 0 && text.EndsWith("\n" + Fence, StringComparison.Ordinal) && text.Length > Fence.Length * 2)
        {
            end = text.Length - Fence.Length - 1; // closed at the very end, with no body
        }
        if (end < 0)
        {
            throw new FormatException("its front matter is not closed by a line of ---.");
        }
        var fields = FrontMatter.Read(text[(Fence.Length + 1)..end]);
        var body = end + Fence.Length + 2 <= text.Length ? text[(end + Fence.Length + 2)..] : "";
        body = body.EndsWith('\n') ? body[..^1] : body;

        // Unknown fields are refused, not skipped: this is a restore, and a misspelt "tag:" must not silently lose the tags.
        if (fields.Keys.FirstOrDefault(k => !Fields.Contains(k)) is { } unknown)
        {
            throw new FormatException($"its front matter has a field “{FrontMatter.Shown(unknown)}” that a share-back does not have; the fields are {string.Join(", ", Fields)}.");
        }

        FrontMatter.Value? Optional(string name) => fields.TryGetValue(name, out var value) && !value.IsNull ? value : null;
        string Text(string name) =>
            !fields.TryGetValue(name, out var value) ? throw new FormatException($"it has no {name}.")
            : value.Text ?? throw new FormatException(value.IsNull ? $"{name} is empty." : $"{name} must be text.");
        string? OptionalText(string name) => Optional(name) is { } value ? value.Text ?? throw new FormatException($"{name} must be text.") : null;
        IReadOnlyList<string> List(string name) => Optional(name) is { } value
            ? value.Items ?? throw new FormatException($"{name} must be a list, such as [\"one\", \"two\"] or one “- item” line each.")
            : [];
        T Read<T>(string name, string text, Func<string, T> parse)
        {
            try
            {
                return parse(text);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new FormatException($"{name} “{FrontMatter.Shown(text)}” cannot be read.");
            }
        }

        var reactions = new Dictionary<ReactionKind, int>();
        if (Optional("reactions") is { } counts)
        {
            foreach (var (key, value) in counts.Pairs ?? throw new FormatException("reactions must be a map of counts."))
            {
                var kind = Enum.GetValues<ReactionKind>().FirstOrDefault(k => ReactionKey(k) == key, (ReactionKind)(-1));
                if ((int)kind < 0 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    throw new FormatException($"the reaction {FrontMatter.Shown(key)} is unknown or not a count.");
                }
                reactions[kind] = count;
            }
        }
        var editedAt = OptionalText("edited_at");
        return new ArchivedShareBack(
            Text("title"),
            Text("team"),
            List("members"),
            Text("play_day"),
            Read("play_day_uid", Text("play_day_uid"), Guid.Parse),
            Read("play_day_date", Text("play_day_date"), s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Read("play_day_starts", Text("play_day_starts"), ParseTime),
            Read("play_day_ends", Text("play_day_ends"), ParseTime),
            Text("time_zone"),
            OptionalText("quarter") ?? "",
            List("tags"),
            Read("posted_at", Text("posted_at"), ParseStamp),
            Text("posted_by"),
            editedAt is null ? null : Read("edited_at", editedAt, ParseStamp),
            OptionalText("edited_by"),
            reactions,
            body);
    }

    public static string ReactionKey(ReactionKind kind) => kind switch
    {
        ReactionKind.WouldUse => "would_use",
        ReactionKind.TryThisWeek => "try_this_week",
        ReactionKind.TriedAlready => "tried_already",
        ReactionKind.GreatFailure => "great_failure",
        _ => kind.ToString(),
    };

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static DateTime ParseStamp(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>"13:00", or "9:30" as people type it.</summary>
    private static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture);
}
