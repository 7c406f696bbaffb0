using System.Globalization;
using System.Text;
using System.Text.Json;
using PlayDay.Web.Data;

namespace PlayDay.Web.Archive;

/// <summary>
/// One share-back as a Markdown file with YAML front matter: readable in any editor or wiki, and the
/// backup format. Every front-matter value is written as JSON, which is valid YAML (flow style), so
/// reading it back needs no YAML library and loses nothing.
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

    /// <summary>Reads a file written by <see cref="ToMarkdown"/>; a <see cref="FormatException"/> says what is wrong.</summary>
    public static ArchivedShareBack Parse(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith(Fence + "\n", StringComparison.Ordinal))
        {
            throw new FormatException("it does not start with front matter (a line of ---).");
        }
        var end = text.IndexOf("\n" + Fence + "\n", Fence.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException("its front matter is not closed by a line of ---.");
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in text[(Fence.Length + 1)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"the front matter line “{line}” is not “key: value”.");
            }
            try
            {
                fields[line[..colon].Trim()] = JsonDocument.Parse(line[(colon + 1)..].Trim()).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new FormatException($"the value of {line[..colon].Trim()} cannot be read.");
            }
        }
        var body = text[(end + Fence.Length + 2)..];
        body = body.EndsWith('\n') ? body[..^1] : body;

        JsonElement Get(string name) => fields.TryGetValue(name, out var value) ? value : throw new FormatException($"it has no {name}.");
        string Text(string name) => Get(name).ValueKind == JsonValueKind.String ? Get(name).GetString()! : throw new FormatException($"{name} must be text.");
        string? OptionalText(string name) => fields.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> List(string name) => Get(name).ValueKind == JsonValueKind.Array
            ? Get(name).EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"{name} must list text.")).ToList()
            : throw new FormatException($"{name} must be a list.");
        T Read<T>(string name, Func<string, T> parse)
        {
            try
            {
                return parse(Text(name));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new FormatException($"{name} “{Text(name)}” cannot be read.");
            }
        }

        var reactions = new Dictionary<ReactionKind, int>();
        if (Get("reactions").ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("reactions must be a map of counts.");
        }
        foreach (var property in Get("reactions").EnumerateObject())
        {
            var kind = Enum.GetValues<ReactionKind>().FirstOrDefault(k => ReactionKey(k) == property.Name, (ReactionKind)(-1));
            if ((int)kind < 0 || property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var count) || count < 0)
            {
                throw new FormatException($"the reaction {property.Name} is unknown or not a count.");
            }
            reactions[kind] = count;
        }
        var editedAt = OptionalText("edited_at");
        return new ArchivedShareBack(
            Text("title"),
            Text("team"),
            List("members"),
            Text("play_day"),
            Read("play_day_uid", Guid.Parse),
            Read("play_day_date", s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Read("play_day_starts", s => TimeOnly.ParseExact(s, "HH:mm", CultureInfo.InvariantCulture)),
            Read("play_day_ends", s => TimeOnly.ParseExact(s, "HH:mm", CultureInfo.InvariantCulture)),
            Text("time_zone"),
            Text("quarter"),
            List("tags"),
            Read("posted_at", ParseStamp),
            Text("posted_by"),
            editedAt is null ? null : ParseStampOrThrow("edited_at", editedAt),
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

    private static DateTime ParseStampOrThrow(string name, string text)
    {
        try
        {
            return ParseStamp(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{name} “{text}” cannot be read.");
        }
    }
}
