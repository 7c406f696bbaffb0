using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using PlayDay.Web.Data;
using PlayDay.Web.Tests.PlayDays;

namespace PlayDay.Web.Tests.Archive;

/// <summary>Arranges share-backs straight in the app's database (the triggers index them as for any insert).</summary>
public static class ArchiveData
{
    public static async Task<int> PlayDayAsync(PlayDayApp app, Browser organizer, string title = "AI Play Day 2026 Q4", string date = "2026-12-10") =>
        await PlayDayForms.ScheduleAsync(organizer, PlayDayForms.Fields(title: title, date: date));

    public static Task<int> ShareBackAsync(PlayDayApp app, int playDayId, string team, string title, string body = "Body text.", string tags = "",
        DateTime? postedAtUtc = null) =>
        app.WithDbAsync(async db =>
        {
            var shareBack = new ShareBack
            {
                PlayDayId = playDayId,
                Team = new Team { PlayDayId = playDayId, Name = team, QueueBand = 1, CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime, CreatedBy = "test" },
                Title = title,
                Body = body,
                Tags = tags,
                TeamMembers = "Ada Lovelace\nGrace Hopper",
                PostedAtUtc = postedAtUtc ?? app.Clock.GetUtcNow().UtcDateTime,
                PostedBy = "Ada Lovelace",
                IdempotencyKey = Guid.NewGuid(),
            };
            db.ShareBacks.Add(shareBack);
            await db.SaveChangesAsync();
            return shareBack.Id;
        });

    public static byte[] Zip(params (string Path, string Text)[] files)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return output.ToArray();
    }

    /// <summary>Uploads <paramref name="zip"/> on the import page, as the browser's form does.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(Browser organizer, byte[] zip)
    {
        var page = await organizer.GetPageAsync("/archive/import");
        var token = page.One("main form input[name='__RequestVerificationToken']").GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(file, "Upload", "archive.zip");
        return await organizer.Client.PostAsync("/archive/import", content);
    }

    /// <summary>Every file in a zip with its text.</summary>
    public static Dictionary<string, string> Files(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd());
    }
}
