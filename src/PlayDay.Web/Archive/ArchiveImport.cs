using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Scheduling;

namespace PlayDay.Web.Archive;

/// <summary>
/// Restores an exported archive into an archive without share-backs. Every file is read and checked
/// before anything is written; one problem anywhere refuses the whole import, with a report.
/// </summary>
public static class ArchiveImport
{
    public const int MaxFiles = 5000;
    public const long MaxFileBytes = 1024 * 1024;

    public sealed record Outcome(int Imported, IReadOnlyList<string> Problems)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    public static async Task<Outcome> ImportAsync(PlayDayDbContext db, Stream zipStream, DateTime nowUtc)
    {
        var (files, problems) = Read(zipStream);
        if (problems.Count > 0)
        {
            return new Outcome(0, problems);
        }
        if (await db.ShareBacks.CountAsync() is var existing and > 0)
        {
            return new Outcome(0, [$"This archive already holds {existing} share-backs; an import restores into an archive that has none."]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var playDays = new Dictionary<Guid, PlayDayEvent>();
        foreach (var archived in files.Select(f => f.ShareBack).DistinctBy(f => f.PlayDayUid))
        {
            var playDay = await db.PlayDays.SingleOrDefaultAsync(p => p.CalendarUid == archived.PlayDayUid);
            if (playDay is null)
            {
                playDay = new PlayDayEvent { Title = archived.PlayDay, CreatedAtUtc = nowUtc, CreatedBy = "Archive import" };
                playDay.RestoreCalendarUid(archived.PlayDayUid);
                playDay.Reschedule(new PlayDayTimes(archived.PlayDayDate, archived.PlayDayStarts, archived.PlayDayEnds, TimeZoneInfo.FindSystemTimeZoneById(archived.TimeZone)));
                db.PlayDays.Add(playDay);
            }
            playDays[archived.PlayDayUid] = playDay;
        }
        await db.SaveChangesAsync();

        var teams = new Dictionary<(Guid, string), Team>();
        foreach (var archived in files.Select(f => f.ShareBack))
        {
            var playDayId = playDays[archived.PlayDayUid].Id;
            var team = await db.Teams.SingleOrDefaultAsync(t => t.PlayDayId == playDayId && t.Name == archived.Team)
                ?? new Team { PlayDayId = playDayId, Name = archived.Team, QueueBand = Team.BandFor(QueueAsk.Normal), QueueOrder = teams.Count + 1, CreatedAtUtc = nowUtc, CreatedBy = "Archive import" };
            teams[(archived.PlayDayUid, archived.Team)] = team;
            db.ShareBacks.Add(new ShareBack
            {
                PlayDayId = playDayId,
                Team = team,
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
            });
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new Outcome(files.Count, []);
    }

    /// <summary>Reads and checks every file; returns them with the problems found, each naming its file.</summary>
    private static (List<(string Path, ArchivedShareBack ShareBack)> Files, List<string> Problems) Read(Stream zipStream)
    {
        var files = new List<(string, ArchivedShareBack)>();
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return (files, ["The file is not a zip archive. Export the archive from PlayDay and import that file."]);
        }
        using (zip)
        {
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count > MaxFiles)
            {
                return (files, [$"The zip holds {entries.Count} files; an import takes at most {MaxFiles}."]);
            }
            if (entries.Count == 0)
            {
                return (files, ["The zip holds no share-backs."]);
            }
            foreach (var entry in entries)
            {
                if (!entry.FullName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{entry.FullName}: not a Markdown (.md) file.");
                    continue;
                }
                if (entry.Length > MaxFileBytes)
                {
                    problems.Add($"{entry.FullName}: larger than {MaxFileBytes / 1024} KiB.");
                    continue;
                }
                try
                {
                    using var reader = new StreamReader(entry.Open(), new UTF8Encoding(false, throwOnInvalidBytes: true));
                    var archived = ArchivedShareBack.Parse(reader.ReadToEnd());
                    if (Check(archived) is { } problem)
                    {
                        problems.Add($"{entry.FullName}: {problem}");
                        continue;
                    }
                    files.Add((entry.FullName, archived));
                }
                catch (FormatException e)
                {
                    problems.Add($"{entry.FullName}: {e.Message}");
                }
                catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
                {
                    problems.Add($"{entry.FullName}: cannot be read ({e.Message}).");
                }
            }
        }
        foreach (var duplicate in files.GroupBy(f => (f.Item2.PlayDayUid, f.Item2.Team)).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", duplicate.Select(d => d.Item1))}: two share-backs for team {duplicate.Key.Team} at one play day.");
        }
        return (files, problems);
    }

    private static string? Check(ArchivedShareBack s)
    {
        if (string.IsNullOrWhiteSpace(s.Title) || s.Title.Length > ShareBack.TitleMaxLength)
        {
            return $"the title must have 1 to {ShareBack.TitleMaxLength} characters.";
        }
        if (string.IsNullOrWhiteSpace(s.Team) || s.Team.Length > Team.NameMaxLength)
        {
            return $"the team name must have 1 to {Team.NameMaxLength} characters.";
        }
        if (string.IsNullOrWhiteSpace(s.PlayDay) || s.PlayDay.Length > PlayDayEvent.TitleMaxLength)
        {
            return $"the play day's title must have 1 to {PlayDayEvent.TitleMaxLength} characters.";
        }
        if (s.Body.Length > ShareBack.BodyMaxLength)
        {
            return $"the share-back is longer than {ShareBack.BodyMaxLength} characters.";
        }
        if (ShareBack.TagProblem(s.Tags) is { } tagProblem)
        {
            return tagProblem;
        }
        if (s.Tags.Any(t => !string.Equals(t, t.ToLowerInvariant(), StringComparison.Ordinal) || t.Length != t.Trim().Length))
        {
            return "tags must be lower-case and trimmed.";
        }
        if (PlayDayTimes.Problems(s.PlayDayDate, s.PlayDayStarts, s.PlayDayEnds, s.TimeZone, out _) is { Count: > 0 } timeProblems)
        {
            return "the play day's times: " + string.Join(" ", timeProblems.Select(p => p.Message));
        }
        if (s.Members.Any(m => m.Contains('\n', StringComparison.Ordinal)) || string.Join('\n', s.Members).Length > 1000)
        {
            return "the member list is too long or malformed.";
        }
        if (s.PostedBy.Length > AppUser.DisplayNameMaxLength || (s.EditedBy?.Length ?? 0) > AppUser.DisplayNameMaxLength)
        {
            return $"names can be at most {AppUser.DisplayNameMaxLength} characters.";
        }
        return null;
    }
}
