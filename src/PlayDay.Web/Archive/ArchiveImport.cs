using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Archive;

/// <summary>
/// Restores an exported archive into an archive without share-backs, in two passes over the zip so
/// memory does not grow with it: the first reads and checks every file, keeping only what links
/// files together (play days, teams); the second reads them again and inserts in batches, in one
/// transaction. One problem anywhere refuses the whole import, with a report naming each file.
/// Sizes are what is really unpacked: a zip entry's declared size is never trusted.
/// </summary>
public static class ArchiveImport
{
    public const int MaxFiles = 5000;

    /// <summary>A share-back is at most 20,000 characters (60 KB of UTF-8) plus its front matter.</summary>
    public const int MaxFileBytes = 256 * 1024;

    public const long MaxTotalBytes = 100L * 1024 * 1024;
    public const int MaxMembers = 50;

    /// <summary>What <see cref="ShareBack.TeamMembers"/> holds: the names, one a line.</summary>
    public const int MaxMemberListLength = ShareBack.TeamMembersMaxLength;

    public const int MaxReactionCount = 1_000_000;
    public const int MaxPathLength = 300;
    public const int MaxQuarterLength = 16;

    /// <summary>A report longer than this helps nobody; the rest are counted.</summary>
    public const int MaxProblemsReported = 100;

    /// <summary>Room for one entry in the zip's list: 46 bytes, its path (at most <see cref="MaxPathLength"/>) and some extra fields.</summary>
    private const int MaxEntryRecordBytes = 1024;

    private const int BatchSize = 100;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public sealed record Outcome(int Imported, IReadOnlyList<string> Problems)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    /// <summary>What the first pass keeps of a play day: enough to create it, and the file it came from.</summary>
    private sealed record PlayDayFacts(string Title, PlayDayTimes Times, string Path);

    public static async Task<Outcome> ImportAsync(PlayDayDbContext db, Stream zipStream, DateTime nowUtc)
    {
        if (await ExistingProblemAsync(db) is { } existing)
        {
            return new Outcome(0, [existing]);
        }
        if (DirectoryProblem(zipStream) is { } tooMany)
        {
            return new Outcome(0, [tooMany]);
        }
        using var zip = Open(zipStream, out var files);
        if (zip is null || files is null)
        {
            return new Outcome(0, ["The file is not a zip archive. Export the archive from PlayDay and import that file."]);
        }
        if (files.Count > MaxFiles)
        {
            return new Outcome(0, [$"The zip holds {files.Count} files; an import takes at most {MaxFiles}."]);
        }
        if (files.Count == 0)
        {
            return new Outcome(0, ["The zip holds no share-backs."]);
        }
        var (playDays, problems) = Check(files);
        return problems.Count > 0 ? new Outcome(0, problems) : await InsertAsync(db, files, playDays, nowUtc);
    }

    private static ZipArchive? Open(Stream stream, out List<ZipArchiveEntry>? files)
    {
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            return zip;
        }
        catch (InvalidDataException)
        {
            zip?.Dispose();
            files = null;
            return null;
        }
    }

    /// <summary>
    /// ZipArchive loads its whole list of entries at once, and a 50 MB upload can list a million, so
    /// the zip's end record (its entry count and the size of its list) is read first.
    /// </summary>
    private static string? DirectoryProblem(Stream zip)
    {
        const int EndRecordLength = 22;
        if (!zip.CanSeek || zip.Length < EndRecordLength)
        {
            return null; // ZipArchive reads such a stream into memory, bounded by the upload limit, and says what is wrong
        }
        var tail = new byte[(int)Math.Min(zip.Length, EndRecordLength + ushort.MaxValue)];
        zip.Seek(-tail.Length, SeekOrigin.End);
        zip.ReadExactly(tail);
        zip.Seek(0, SeekOrigin.Begin);
        var at = tail.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4b, (byte)0x05, (byte)0x06]);
        if (at < 0 || at + EndRecordLength > tail.Length)
        {
            return null; // not a zip: ZipArchive says so
        }
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
        var listBytes = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at + 12));
        // Folders are entries too; ushort.MaxValue means a ZIP64 count, which is more than that anyway.
        if (entries > 2 * MaxFiles)
        {
            return entries == ushort.MaxValue
                ? $"The zip lists more than {ushort.MaxValue - 1} entries; an import takes at most {MaxFiles} files."
                : $"The zip lists {entries} entries; an import takes at most {MaxFiles} files.";
        }
        return listBytes > 2L * MaxFiles * MaxEntryRecordBytes
            ? $"The zip's list of files takes {listBytes / 1024 / 1024} MiB, more than {MaxFiles} files need; export the archive from PlayDay and import that file."
            : null;
    }

    /// <summary>Deleted share-backs count: they are kept for organizers to restore, and their teams are taken.</summary>
    private static async Task<string?> ExistingProblemAsync(PlayDayDbContext db) =>
        await db.ShareBacks.IgnoreQueryFilters().CountAsync() is var existing and > 0
            ? $"This archive already holds {existing} share-backs (deleted ones included); an import restores into an archive that has none."
            : null;

    /// <summary>The first pass: reads and checks every file, keeping only small facts. Returns the play days and the problems.</summary>
    private static (Dictionary<Guid, PlayDayFacts> PlayDays, List<string> Problems) Check(List<ZipArchiveEntry> files)
    {
        var report = new Report();
        var playDays = new Dictionary<Guid, PlayDayFacts>();
        var teams = new Dictionary<(Guid, string), string>();
        var buffer = new byte[MaxFileBytes + 1];
        long total = 0;
        foreach (var entry in files)
        {
            var path = Shown(entry.FullName);
            if (entry.FullName.Length > MaxPathLength)
            {
                report.Add($"{path}: the file's path is longer than {MaxPathLength} characters.");
                continue;
            }
            if (!entry.FullName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                report.Add($"{path}: not a Markdown (.md) file.");
                continue;
            }
            var (text, readProblem, bytes) = ReadText(entry, buffer);
            total += bytes;
            if (total > MaxTotalBytes)
            {
                report.Lead($"The zip unpacks to more than {MaxTotalBytes / 1024 / 1024} MiB; an import takes at most that. Checking stopped at {path}.");
                break;
            }
            if (text is null)
            {
                report.Add($"{path}: {readProblem}");
                continue;
            }
            ArchivedShareBack archived;
            try
            {
                archived = ArchivedShareBack.Parse(text);
            }
            catch (FormatException e)
            {
                report.Add($"{path}: {e.Message}");
                continue;
            }
            var fileProblems = Problems(archived, out var times);
            if (fileProblems.Count > 0 || times is null)
            {
                fileProblems.ForEach(p => report.Add($"{path}: {p}"));
                continue;
            }
            if (!playDays.TryGetValue(archived.PlayDayUid, out var known))
            {
                playDays[archived.PlayDayUid] = new PlayDayFacts(archived.PlayDay, times, path);
            }
            else if (known.Title != archived.PlayDay || known.Times.Date != times.Date || known.Times.Start != times.Start
                || known.Times.End != times.End || known.Times.Zone.Id != times.Zone.Id)
            {
                report.Add($"{known.Path} and {path}: one play day (play_day_uid {archived.PlayDayUid}) with two different titles or times.");
            }
            if (!teams.TryAdd((archived.PlayDayUid, archived.Team), path))
            {
                report.Add($"{teams[(archived.PlayDayUid, archived.Team)]} and {path}: two share-backs for team {archived.Team} at one play day.");
            }
        }
        return (playDays, report.ToList());
    }

    /// <summary>The second pass: creates the play days, then reads every file again and inserts its share-back, a batch at a time.</summary>
    private static async Task<Outcome> InsertAsync(PlayDayDbContext db, List<ZipArchiveEntry> files, Dictionary<Guid, PlayDayFacts> playDays, DateTime nowUtc)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Checked again inside the transaction: another import may have finished while this one was checking.
        if (await ExistingProblemAsync(db) is { } existing)
        {
            return new Outcome(0, [existing]);
        }

        var uids = playDays.Keys.ToList();
        var playDayIds = await db.PlayDays.Where(p => uids.Contains(p.CalendarUid)).ToDictionaryAsync(p => p.CalendarUid, p => p.Id);
        var existingPlayDays = playDayIds.Values.ToHashSet();
        var created = new List<PlayDayEvent>();
        foreach (var (uid, facts) in playDays.Where(p => !playDayIds.ContainsKey(p.Key)))
        {
            var playDay = new PlayDayEvent { Title = facts.Title, CreatedAtUtc = nowUtc, CreatedBy = "Archive import" };
            playDay.RestoreCalendarUid(uid);
            playDay.Reschedule(facts.Times);
            db.PlayDays.Add(playDay);
            created.Add(playDay);
            if (created.Count == BatchSize)
            {
                await SaveBatchAsync(db, created, playDayIds);
            }
        }
        await SaveBatchAsync(db, created, playDayIds);

        var nextQueueOrder = new Dictionary<int, int>();
        var buffer = new byte[MaxFileBytes + 1];
        var pending = 0;
        foreach (var entry in files)
        {
            var (text, problem, _) = ReadText(entry, buffer);
            // The first pass read the same bytes and found nothing wrong.
            var archived = ArchivedShareBack.Parse(text ?? throw new InvalidDataException($"{entry.FullName}: {problem}"));
            var playDayId = playDayIds[archived.PlayDayUid];
            int? teamId = existingPlayDays.Contains(playDayId)
                ? await db.Teams.Where(t => t.PlayDayId == playDayId && t.Name == archived.Team).Select(t => (int?)t.Id).SingleOrDefaultAsync()
                : null;
            if (!nextQueueOrder.TryGetValue(playDayId, out var order))
            {
                order = existingPlayDays.Contains(playDayId) ? await db.Teams.Where(t => t.PlayDayId == playDayId).MaxAsync(t => (int?)t.QueueOrder) ?? 0 : 0;
            }
            var shareBack = new ShareBack
            {
                PlayDayId = playDayId,
                Title = archived.Title,
                Tags = string.Join(',', archived.Tags),
                Body = archived.Body,
                PostedAtUtc = archived.PostedAtUtc,
                PostedBy = archived.PostedBy,
                EditedAtUtc = archived.EditedAtUtc,
                EditedBy = archived.EditedBy,
                TeamMembers = string.Join('\n', archived.Members),
                ImportedReactions = string.Join(';', archived.Reactions.Where(r => r.Value > 0).Select(r => $"{r.Key}={r.Value}")),
                IdempotencyKey = Guid.NewGuid(),
            };
            if (teamId is { } id)
            {
                shareBack.TeamId = id;
            }
            else
            {
                nextQueueOrder[playDayId] = ++order;
                shareBack.Team = new Team
                {
                    PlayDayId = playDayId, Name = archived.Team, QueueBand = Team.BandFor(QueueAsk.Normal), QueueOrder = order, CreatedAtUtc = nowUtc, CreatedBy = "Archive import",
                };
            }
            db.ShareBacks.Add(shareBack);
            if (++pending == BatchSize)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await transaction.CommitAsync();
        return new Outcome(files.Count, []);
    }

    private static async Task SaveBatchAsync(PlayDayDbContext db, List<PlayDayEvent> created, Dictionary<Guid, int> playDayIds)
    {
        await db.SaveChangesAsync();
        created.ForEach(p => playDayIds[p.CalendarUid] = p.Id);
        created.Clear();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The entry's text, read through a cap of <see cref="MaxFileBytes"/> (one byte more is read to
    /// tell a file at the cap from one past it), with the bytes really unpacked.
    /// </summary>
    private static (string? Text, string? Problem, int Bytes) ReadText(ZipArchiveEntry entry, byte[] buffer)
    {
        var tooLarge = $"larger than {MaxFileBytes / 1024} KiB; a share-back file is far smaller.";
        // The declared size only ever refuses early; what counts is what is read below.
        if (entry.Length > MaxFileBytes)
        {
            return (null, tooLarge, 0);
        }
        var bytes = 0;
        try
        {
            using var stream = entry.Open();
            int read;
            while (bytes < buffer.Length && (read = stream.Read(buffer, bytes, buffer.Length - bytes)) > 0)
            {
                bytes += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return (null, $"cannot be unpacked ({e.Message}).", bytes);
        }
        if (bytes > MaxFileBytes)
        {
            return (null, tooLarge, bytes);
        }
        try
        {
            return (StrictUtf8.GetString(buffer, 0, bytes), null, bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, "is not UTF-8 text.", bytes);
        }
    }

    /// <summary>Every problem with one file's fields, each naming the field; <paramref name="times"/> is set when the play day's times are usable.</summary>
    private static List<string> Problems(ArchivedShareBack s, out PlayDayTimes? times)
    {
        var problems = new List<string>();
        void OneLine(string field, string? value, int maxLength, bool required = true)
        {
            if (value is null || (!required && value.Length == 0))
            {
                return;
            }
            if (required && string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{field} is empty.");
            }
            else if (value.Length > maxLength)
            {
                problems.Add($"{field} is longer than {maxLength} characters.");
            }
            else if (UserText.Problem(value) is { } problem)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        OneLine("title", s.Title, ShareBack.TitleMaxLength);
        OneLine("team", s.Team, Team.NameMaxLength);
        OneLine("play_day", s.PlayDay, PlayDayEvent.TitleMaxLength);
        OneLine("posted_by", s.PostedBy, AppUser.DisplayNameMaxLength, required: false);
        OneLine("edited_by", s.EditedBy, AppUser.DisplayNameMaxLength, required: false);
        OneLine("quarter", s.Quarter, MaxQuarterLength, required: false);
        if (s.Members.Count > MaxMembers)
        {
            problems.Add($"members lists {s.Members.Count} people; a team has at most {MaxMembers}.");
        }
        else
        {
            for (var i = 0; i < s.Members.Count; i++)
            {
                OneLine($"members (name {i + 1})", s.Members[i], AppUser.DisplayNameMaxLength);
            }
            if (string.Join('\n', s.Members).Length > MaxMemberListLength)
            {
                problems.Add($"members: the names take more than {MaxMemberListLength} characters together.");
            }
        }
        if (ShareBack.TagProblem(s.Tags) is { } tagProblem)
        {
            problems.Add($"tags: {tagProblem}");
        }
        else if (s.Tags.Any(t => !string.Equals(t, t.ToLowerInvariant(), StringComparison.Ordinal) || t.Length != t.Trim().Length))
        {
            problems.Add("tags: tags must be lower-case and trimmed.");
        }
        if (s.Body.Length > ShareBack.BodyMaxLength)
        {
            problems.Add($"the share-back is longer than {ShareBack.BodyMaxLength} characters.");
        }
        else if (UserText.Problem(s.Body, multiLine: true) is { } bodyProblem)
        {
            problems.Add($"the share-back's text: {bodyProblem}");
        }
        foreach (var (field, stamp) in new[] { ("posted_at", (DateTime?)s.PostedAtUtc), ("edited_at", s.EditedAtUtc) })
        {
            if (stamp is { } utc && (DateOnly.FromDateTime(utc) < PlayDayTimes.EarliestDate || DateOnly.FromDateTime(utc) > PlayDayTimes.LatestDate))
            {
                problems.Add($"{field} must be between {PlayDayTimes.EarliestDate.Year} and {PlayDayTimes.LatestDate.Year}.");
            }
        }
        if (s.Reactions.Values.Any(count => count > MaxReactionCount))
        {
            problems.Add($"reactions: a count can be at most {MaxReactionCount}.");
        }
        times = null;
        if (s.TimeZone.Length > PlayDayEvent.TimeZoneIdMaxLength)
        {
            problems.Add($"time_zone is longer than {PlayDayEvent.TimeZoneIdMaxLength} characters.");
        }
        else if (PlayDayTimes.Problems(s.PlayDayDate, s.PlayDayStarts, s.PlayDayEnds, s.TimeZone, out times) is { Count: > 0 } timeProblems)
        {
            problems.Add("the play day's times: " + string.Join(" ", timeProblems.Select(p => p.Message)));
        }
        return problems;
    }

    /// <summary>A zip entry's name as a report shows it: one line, not too long.</summary>
    private static string Shown(string path)
    {
        var line = UserText.OneLine(path);
        return line.Length > 120 ? line[..120] + "…" : line;
    }

    /// <summary>The problems found, the first <see cref="MaxProblemsReported"/> kept and the rest counted.</summary>
    private sealed class Report
    {
        private readonly List<string> _problems = [];
        private string? _lead;
        private int _more;

        /// <summary>The one problem that stops the check; it heads the report.</summary>
        public void Lead(string problem) => _lead = problem;

        public void Add(string problem)
        {
            if (_problems.Count < MaxProblemsReported)
            {
                _problems.Add(problem);
            }
            else
            {
                _more++;
            }
        }

        public List<string> ToList() =>
        [
            .. _lead is null ? [] : new[] { _lead },
            .. _problems,
            .. _more == 0 ? [] : new[] { $"… and {_more} more problem{(_more == 1 ? "" : "s")}." },
        ];
    }
}
