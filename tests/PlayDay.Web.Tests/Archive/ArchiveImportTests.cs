using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Archive;
using PlayDay.Web.Data;

namespace PlayDay.Web.Tests.Archive;

/// <summary>The import page with hostile, broken and hand-edited archives: every answer is a report or a redirect, never a 500.</summary>
public sealed class ArchiveImportTests : IDisposable
{
    private const string PlayDayUid = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";

    /// <summary>A share-back file as an export writes it.</summary>
    private const string Good = "---\ntitle: \"Fine\"\nteam: \"A\"\nmembers: [\"Ada Lovelace\"]\nplay_day: \"Day\"\nplay_day_uid: \"" + PlayDayUid + "\"\n"
        + "play_day_date: \"2026-12-10\"\nplay_day_starts: \"13:00\"\nplay_day_ends: \"17:00\"\ntime_zone: \"Europe/Berlin\"\nquarter: \"2026 Q4\"\n"
        + "tags: [\"chatgpt\"]\nposted_at: \"2026-12-10T15:00:00Z\"\nposted_by: \"Ada\"\nedited_at: null\nedited_by: null\n"
        + "reactions: {\"would_use\":1,\"try_this_week\":0,\"tried_already\":0,\"great_failure\":0}\n---\nBody\n";

    private readonly PlayDayApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Edited(string from, string to) =>
        Good.Contains(from, StringComparison.Ordinal) ? Good.Replace(from, to, StringComparison.Ordinal) : throw new ArgumentException($"“{from}” is not in the file.");

    private Browser? _organizer;

    private async Task<(HttpStatusCode Status, List<string> Problems)> ImportAsync(byte[] zip)
    {
        var organizer = _organizer ??= await Browser.RegisteredAsync(_app, "Olu Organizer");
        using var response = await ArchiveData.ImportAsync(organizer, zip);
        var problems = (await Browser.ParseAsync(response)).QuerySelectorAll(".import-problems li").Select(li => li.TextContent).ToList();
        return (response.StatusCode, problems);
    }

    private async Task AssertNothingImportedAsync()
    {
        Assert.Equal(0, await _app.WithDbAsync(db => db.ShareBacks.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
    }

    [Fact]
    public async Task Hand_edited_yaml_in_any_valid_style_is_imported()
    {
        var byHand = "\uFEFF---\r\n# Written by hand, not exported\r\ntitle: Release notes, by hand\r\nteam: 'Rey''s Rebels'\r\nmembers:\r\n  - Ada Lovelace\r\n  - \"Grace Hopper\"\r\n"
            + "play_day: AI Play Day 2026 Q4\r\nplay_day_uid: " + PlayDayUid + "\r\nplay_day_date: 2026-12-10\r\nplay_day_starts: 13:00\r\nplay_day_ends: '17:00'\r\n"
            + "time_zone: Europe/Berlin   # where the organizers are\r\ntags:\r\n  - chatgpt\r\n  - c#\r\nposted_at: 2026-12-10T15:00:00Z\r\nposted_by: Ada Lovelace\r\n"
            + "reactions:\r\n  would_use: 3\r\n---\r\nFirst line\r\nsecond line\r\n";
        var exported = Edited("team: \"A\"", "team: \"B\"").Replace("play_day: \"Day\"", "play_day: \"AI Play Day 2026 Q4\"", StringComparison.Ordinal);

        var (status, problems) = await ImportAsync(ArchiveData.Zip(("day/rebels.md", byHand), ("day/b.md", exported)));

        Assert.True(status == HttpStatusCode.Redirect, string.Join(" | ", problems));
        var shareBack = await _app.WithDbAsync(db => db.ShareBacks.Include(s => s.Team).SingleAsync(s => s.Team!.Name == "Rey's Rebels"));
        Assert.Equal("Release notes, by hand", shareBack.Title);
        Assert.Equal("Ada Lovelace\nGrace Hopper", shareBack.TeamMembers);
        Assert.Equal("chatgpt,c#", shareBack.Tags);
        Assert.Equal("WouldUse=3", shareBack.ImportedReactions);
        Assert.Equal("First line\nsecond line", shareBack.Body);
        Assert.Null(shareBack.EditedAtUtc);
        var playDay = await _app.WithDbAsync(db => db.PlayDays.SingleAsync());
        Assert.Equal((new TimeOnly(13, 0), new TimeOnly(17, 0), "Europe/Berlin"), (playDay.StartTime, playDay.EndTime, playDay.TimeZoneId));
        Assert.Equal(2, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
    }

    [Fact]
    public async Task A_time_zone_with_stray_spaces_is_read_as_the_zone_it_names()
    {
        var (status, problems) = await ImportAsync(ArchiveData.Zip(("day/a.md", Edited("time_zone: \"Europe/Berlin\"", "time_zone: \" Europe/Berlin \""))));

        Assert.True(status == HttpStatusCode.Redirect, string.Join(" | ", problems));
        var playDay = await _app.WithDbAsync(db => db.PlayDays.SingleAsync());
        Assert.Equal("Europe/Berlin", playDay.TimeZoneId);
        Assert.Equal(new DateTime(2026, 12, 10, 12, 0, 0, DateTimeKind.Utc), playDay.StartsAtUtc);
    }

    public static TheoryData<string, string, string> BadFrontMatter => new()
    {
        // replace, with, the problem (after "day/a.md: ")
        { "title: \"Fine\"", "title: \"Fine", "its front matter is not valid YAML (line 2, in title)" },
        { "title: \"Fine\"", "title: 'Fine", "its front matter is not valid YAML (line 2, in title)" },
        { "members: [\"Ada Lovelace\"]", "members: [\"Ada Lovelace\"", "its front matter is not valid YAML (line 4, in members)" },
        { "tags: [\"chatgpt\"]", "tags:\n\t- chatgpt", "line 13 of the front matter is indented with a tab; YAML indents with spaces." },
        { "members: [\"Ada Lovelace\"]", "members: &a [\"lol\",\"lol\",\"lol\"]\nx: &b [*a,*a,*a]\ny: [*b,*b,*b]", "members uses a YAML anchor (&name); write the value out instead." },
        { "tags: [\"chatgpt\"]", "tags: *lol", "tags uses a YAML alias (*name); write the value out instead." },
        { "title: \"Fine\"", "title: !!binary \"Fine\"", "title uses a YAML tag (!name)" },
        { "title: \"Fine\"", "title: \"Fine\"\nauthor: \"Ada\"", "its front matter has a field “author” that a share-back does not have; the fields are title, team," },
        { "team: \"A\"", "team: \"A\"\ntitle: \"Again\"", "its front matter has title twice." },
        { "members: [\"Ada Lovelace\"]", "members: [[\"Ada\"]]", "members must be a list of text, one item each." },
        { "members: [\"Ada Lovelace\"]", "members: \"Ada Lovelace\"", "members must be a list, such as" },
        { "title: \"Fine\"", "title: [\"Fine\"]", "title must be text." },
        { "title: \"Fine\"", "title:", "title is empty." },
        { "title: \"Fine\"\n", "", "it has no title." },
        { "\"would_use\":1", "\"likes\":1", "the reaction likes is unknown or not a count." },
        { "\"would_use\":1", "\"would_use\":-1", "the reaction would_use is unknown or not a count." },
        { "play_day_date: \"2026-12-10\"", "play_day_date: \"10.12.2026\"", "play_day_date “10.12.2026” cannot be read." },
        { "title: \"Fine\"", "title: \"" + new string('x', 9000) + "\"", "line 2 of the front matter is longer than 8192 characters." },
        { "---\nBody", "Body", "its front matter is not closed by a line of ---." },
    };

    [Theory]
    [MemberData(nameof(BadFrontMatter))]
    public async Task Malformed_front_matter_is_refused_with_a_problem_naming_the_file_and_the_field(string replace, string with, string problem)
    {
        var (status, problems) = await ImportAsync(ArchiveData.Zip(("day/a.md", Edited(replace, with))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var only = Assert.Single(problems);
        Assert.StartsWith("day/a.md: " + problem, only, StringComparison.Ordinal);
        await AssertNothingImportedAsync();
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "members: [\"Ada Lovelace\"]", "members: [\"" + new string('a', 81) + "\"]", "members (name 1) is longer than 80 characters." },
        { "members: [\"Ada Lovelace\"]", "members: [\"Ada\", \"Grace\\nHopper\"]", "members (name 2): Use a single line: no line breaks." },
        { "members: [\"Ada Lovelace\"]", "members: [" + string.Join(",", Enumerable.Range(1, 51).Select(i => $"\"Person {i}\"")) + "]", "members lists 51 people; a team has at most 50." },
        { "members: [\"Ada Lovelace\"]", "members: [" + string.Join(",", Enumerable.Range(1, 20).Select(i => $"\"{new string('n', 60)} {i}\"")) + "]", "members: the names take more than 1000 characters together." },
        { "title: \"Fine\"", "title: \"Fine\\u0007\"", "title: Remove the invisible control characters." },
        { "title: \"Fine\"", "title: \"" + new string('t', 121) + "\"", "title is longer than 120 characters." },
        { "team: \"A\"", "team: \"A\\r\\nB\"", "team: Use a single line: no line breaks." },
        { "team: \"A\"", "team: \"  \"", "team is empty." },
        { "play_day: \"Day\"", "play_day: \"" + new string('d', 121) + "\"", "play_day is longer than 120 characters." },
        { "posted_by: \"Ada\"", "posted_by: \"" + new string('p', 81) + "\"", "posted_by is longer than 80 characters." },
        { "edited_by: null", "edited_by: \"Ada\\tLovelace\"", "edited_by: Remove the invisible control characters." },
        { "tags: [\"chatgpt\"]", "tags: [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]", "tags: Name at most 8 tools; there are 9." },
        { "tags: [\"chatgpt\"]", "tags: [\"ChatGPT\"]", "tags: tags must be lower-case and trimmed." },
        { "time_zone: \"Europe/Berlin\"", "time_zone: \"" + new string('z', 65) + "\"", "time_zone is longer than 64 characters." },
        { "play_day_date: \"2026-12-10\"", "play_day_date: \"9999-12-10\"", "the play day's times: Pick a date between 1 Jan 2000 and 31 Dec 2099; 10 Dec 9999 is outside that." },
        { "posted_at: \"2026-12-10T15:00:00Z\"", "posted_at: \"9999-12-10T15:00:00Z\"", "posted_at must be between 2000 and 2099." },
        { "\"would_use\":1", "\"would_use\":2000000", "reactions: a count can be at most 1000000." },
        { "---\nBody\n", "---\nBody \u0001\n", "the share-back's text: Remove the invisible control characters." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Every_field_is_checked_against_its_limits_and_a_problem_names_the_file_and_the_field(string replace, string with, string problem)
    {
        var (status, problems) = await ImportAsync(ArchiveData.Zip(("day/good.md", Edited("team: \"A\"", "team: \"Good\"")), ("day/a.md", Edited(replace, with))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["day/a.md: " + problem], problems);
        await AssertNothingImportedAsync();
    }

    /// <summary>One entry of <paramref name="size"/> zero bytes, which deflate squeezes to almost nothing.</summary>
    private static byte[] ZipBomb(int size, uint? declaredSize = null)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("day/bomb.md", CompressionLevel.Fastest).Open();
            entry.Write(new byte[size]);
        }
        var zip = output.ToArray();
        if (declaredSize is { } lie)
        {
            // The uncompressed size sits at offset 22 of the local header and 24 of the central directory's.
            var (local, central) = (IndexOf(zip, [0x50, 0x4b, 0x03, 0x04]), IndexOf(zip, [0x50, 0x4b, 0x01, 0x02]));
            BitConverter.TryWriteBytes(zip.AsSpan(local + 22), lie);
            BitConverter.TryWriteBytes(zip.AsSpan(central + 24), lie);
        }
        return zip;
    }

    private static int IndexOf(byte[] data, byte[] signature) => data.AsSpan().IndexOf(signature);

    [Fact]
    public async Task A_file_that_unpacks_past_the_cap_is_refused_whether_its_header_says_so_or_not()
    {
        var honest = await ImportAsync(ZipBomb(10 * 1024 * 1024));
        var saysSmall = await ImportAsync(ZipBomb(10 * 1024 * 1024, declaredSize: 100));
        var saysLarge = await ImportAsync(ZipBomb(1000, declaredSize: 50 * 1024 * 1024));

        const string TooLarge = "day/bomb.md: larger than 256 KiB; a share-back file is far smaller.";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, honest.Status);
        Assert.Equal([TooLarge], honest.Problems);
        // Only the declared 100 bytes are unpacked (zeros, so no front matter): the rest is never read.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, saysSmall.Status);
        Assert.Equal(["day/bomb.md: it does not start with front matter (a line of ---)."], saysSmall.Problems);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, saysLarge.Status);
        Assert.Equal([TooLarge], saysLarge.Problems);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task An_archive_that_unpacks_to_more_than_the_total_cap_is_refused()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var file = new byte[ArchiveImport.MaxFileBytes]; // each file exactly at the per-file cap
            for (var i = 0; i <= ArchiveImport.MaxTotalBytes / ArchiveImport.MaxFileBytes; i++)
            {
                using var entry = archive.CreateEntry($"day/{i}.md", CompressionLevel.Fastest).Open();
                entry.Write(file);
            }
        }

        var (status, problems) = await ImportAsync(output.ToArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("The zip unpacks to more than 100 MiB; an import takes at most that. Checking stopped at day/400.md.", problems[0]);
        Assert.Equal(ArchiveImport.MaxProblemsReported + 2, problems.Count);
        Assert.Equal("… and 300 more problems.", problems[^1]);
        await AssertNothingImportedAsync();
    }

    private static byte[] EmptyFiles(int count)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                archive.CreateEntry($"day/{i}.md", CompressionLevel.NoCompression);
            }
        }
        return output.ToArray();
    }

    [Fact]
    public async Task A_zip_listing_too_many_files_is_refused_before_its_list_is_loaded()
    {
        var (listsTooMany, tooManyProblems) = await ImportAsync(EmptyFiles(2 * ArchiveImport.MaxFiles + 1));
        var (holdsTooMany, holdsProblems) = await ImportAsync(EmptyFiles(ArchiveImport.MaxFiles + 1));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, listsTooMany);
        Assert.Equal(["The zip lists 10001 entries; an import takes at most 5000 files."], tooManyProblems);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, holdsTooMany);
        Assert.Equal(["The zip holds 5001 files; an import takes at most 5000."], holdsProblems);
    }

    [Fact]
    public async Task Hundreds_of_share_backs_import_in_batches_and_export_again_as_the_same_files()
    {
        var playDays = new[] { ("2026-12-10", "2026 Q4", Guid.NewGuid()), ("2027-03-11", "2027 Q1", Guid.NewGuid()), ("2027-06-10", "2027 Q2", Guid.NewGuid()) };
        var files = Enumerable.Range(0, 250).Select(i =>
        {
            var (date, quarter, uid) = playDays[i % 3];
            var text = Good.Replace("team: \"A\"", $"team: \"Team {i:000}\"", StringComparison.Ordinal)
                .Replace("title: \"Fine\"", $"title: \"Share-back {i}\"", StringComparison.Ordinal)
                .Replace("play_day: \"Day\"", $"play_day: \"Day {quarter}\"", StringComparison.Ordinal)
                .Replace(PlayDayUid, uid.ToString(), StringComparison.Ordinal)
                .Replace("2026-12-10\"", date + "\"", StringComparison.Ordinal)
                .Replace("2026-12-10T", date + "T", StringComparison.Ordinal)
                .Replace("2026 Q4", quarter, StringComparison.Ordinal)
                .Replace("---\nBody", $"---\nBody of {i}", StringComparison.Ordinal);
            return ($"{date}/{i}.md", text);
        }).ToArray();
        var organizer = await Browser.RegisteredAsync(_app, "Olu Organizer");

        using var response = await ArchiveData.ImportAsync(organizer, ArchiveData.Zip(files));
        using var export = await organizer.Client.GetAsync("/archive/export.zip");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await Browser.ParseAsync(response)).QuerySelectorAll(".import-problems li").Select(li => li.TextContent)));
        Assert.Equal(250, await _app.WithDbAsync(db => db.ShareBacks.CountAsync()));
        Assert.Equal(3, await _app.WithDbAsync(db => db.PlayDays.CountAsync()));
        var exported = ArchiveData.Files(await export.Content.ReadAsByteArrayAsync()).Values.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Select(f => f.Item2).Order(StringComparer.Ordinal), exported);
        var queue = await _app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Team 000" || t.Name == "Team 003").Select(t => t.QueueOrder).ToListAsync());
        Assert.Equal([1, 2], queue.Order());
    }

    [Fact]
    public async Task An_archive_holding_only_deleted_share_backs_still_refuses_an_import_with_a_report()
    {
        var scene = await Board.BoardScene.CreateAsync(_app);
        var id = await Board.BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        await _app.WithDbAsync(async db =>
        {
            var shareBack = await db.ShareBacks.SingleAsync(s => s.Id == id);
            shareBack.DeletedAtUtc = _app.Clock.GetUtcNow().UtcDateTime;
            shareBack.DeletedBy = "Olu Organizer";
            return await db.SaveChangesAsync();
        });

        using var response = await ArchiveData.ImportAsync(scene.Organizer, ArchiveData.Zip(("day/a.md", Good)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already holds 1 share-backs (deleted ones included)", (await Browser.ParseAsync(response)).One(".import-problems").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_files_that_disagree_about_one_play_day_are_refused()
    {
        var other = Edited("team: \"A\"", "team: \"B\"").Replace("play_day_starts: \"13:00\"", "play_day_starts: \"14:00\"", StringComparison.Ordinal);

        var (status, problems) = await ImportAsync(ArchiveData.Zip(("day/a.md", Good), ("day/b.md", other), ("day/c.md", Good)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([
            $"day/a.md and day/b.md: one play day (play_day_uid {PlayDayUid}) with two different titles or times.",
            "day/a.md and day/c.md: two share-backs for team A at one play day.",
        ], problems);
    }

    [Fact]
    public void An_export_is_written_exactly_as_before_and_reads_back_to_the_same_share_back()
    {
        var archived = new ArchivedShareBack("Émoji 🤖 and “quotes” \"q\"", "Rey's Rebels", ["Ada Lovelace", "Grace \\ Hopper"], "AI Play Day 2026 Q4",
            Guid.Parse(PlayDayUid), new DateOnly(2026, 12, 10), new TimeOnly(13, 0), new TimeOnly(17, 0), "Europe/Berlin", "2026 Q4", ["chatgpt", "c#"],
            new DateTime(2026, 12, 10, 15, 0, 0, 123, DateTimeKind.Utc), "Ada Lovelace", new DateTime(2026, 12, 11, 9, 30, 0, DateTimeKind.Utc), "Grace Hopper",
            new Dictionary<ReactionKind, int> { [ReactionKind.WouldUse] = 3, [ReactionKind.GreatFailure] = 1 },
            "## What we tried\n\n---\n\nA fence in the body.");

        var markdown = archived.ToMarkdown();
        var read = ArchivedShareBack.Parse(markdown);

        Assert.Equal(
            "---\ntitle: \"Émoji \\uD83E\\uDD16 and “quotes” \\\"q\\\"\"\nteam: \"Rey's Rebels\"\nmembers: [\"Ada Lovelace\",\"Grace \\\\ Hopper\"]\n"
            + "play_day: \"AI Play Day 2026 Q4\"\nplay_day_uid: \"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\"\nplay_day_date: \"2026-12-10\"\n"
            + "play_day_starts: \"13:00\"\nplay_day_ends: \"17:00\"\ntime_zone: \"Europe/Berlin\"\nquarter: \"2026 Q4\"\ntags: [\"chatgpt\",\"c#\"]\n"
            + "posted_at: \"2026-12-10T15:00:00.123Z\"\nposted_by: \"Ada Lovelace\"\nedited_at: \"2026-12-11T09:30:00Z\"\nedited_by: \"Grace Hopper\"\n"
            + "reactions: {\"would_use\":3,\"try_this_week\":0,\"tried_already\":0,\"great_failure\":1}\n---\n## What we tried\n\n---\n\nA fence in the body.\n",
            markdown);
        Assert.Equal(archived with { Members = read.Members, Tags = read.Tags, Reactions = read.Reactions }, read);
        Assert.Equal(archived.Members, read.Members);
        Assert.Equal(archived.Tags, read.Tags);
        Assert.Equal(archived.Reactions.Where(r => r.Value > 0).OrderBy(r => r.Key), read.Reactions.Where(r => r.Value > 0).OrderBy(r => r.Key));
        Assert.Equal(markdown, read.ToMarkdown());
    }

    [Fact]
    public void A_file_saved_with_CRLF_line_ends_reads_the_same_as_with_LF_and_writes_back_as_exported()
    {
        var crlf = ArchivedShareBack.Parse(Good.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(Good, crlf.ToMarkdown());
    }

    [Fact]
    public void Front_matter_mangled_at_random_reads_or_fails_with_a_FormatException_and_nothing_else()
    {
        var random = new Random(9);
        const string Yamlish = "\"':-[]{},#&*!|>%@?~\\\t\n a1";
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 3000; round++)
        {
            var text = new StringBuilder(Good);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(4, Good.IndexOf("\n---\n", StringComparison.Ordinal));
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, Yamlish[random.Next(Yamlish.Length)]); break;
                    case 1: text.Remove(at, 1); break;
                    default: text[at] = Yamlish[random.Next(Yamlish.Length)]; break;
                }
            }
            try
            {
                ArchivedShareBack.Parse(text.ToString());
                outcomes["read"] = outcomes.GetValueOrDefault("read") + 1;
            }
            catch (FormatException)
            {
                outcomes["refused"] = outcomes.GetValueOrDefault("refused") + 1;
            }
        }
        Assert.True(outcomes.GetValueOrDefault("refused") > 1000, string.Join(", ", outcomes));
    }
}
