using System.Text.Json;

namespace PlayDay.Web.Tests.Mail;

/// <summary>An email as Python's standard email parser reads it: an independent check of our MIME.</summary>
public sealed record MimeMessage(string Subject, string From, string To, string ContentType, List<MimeMessage.Part> Parts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Part(string ContentType, Dictionary<string, string> Params, string Text);

    public Part Calendar => Parts.Single(p => p.ContentType == "text/calendar");

    public static async Task<MimeMessage> ParseFileAsync(string path)
    {
        var script = Path.Combine(PlayDayApp.RepositoryRoot, "tests", "PlayDay.Web.Tests", "Mail", "mime_parts.py");
        var output = await ExternalProcess.RunAsync("/usr/bin/python3", [script, path]);
        return JsonSerializer.Deserialize<MimeMessage>(output, Json) ?? throw new InvalidOperationException("The MIME parser printed nothing.");
    }
}
