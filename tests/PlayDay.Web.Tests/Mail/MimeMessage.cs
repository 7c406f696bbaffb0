using System.Text.Json;

namespace PlayDay.Web.Tests.Mail;

/// <summary>An email as Python's standard email parser reads it: an independent check of our MIME.</summary>
public sealed record MimeMessage(string Subject, string From, string To, string MessageId, DateTimeOffset? Date, List<string> HeaderNames,
    Dictionary<string, string> Headers, string ContentType, string Structure, bool OnlyCrlfLineEndings, List<MimeMessage.Part> Parts)
{
    /// <summary>The text of the part of <paramref name="contentType"/> (text/plain, text/html).</summary>
    public string TextOf(string contentType) => Parts.First(p => p.ContentType == contentType).Text;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Part(string ContentType, Dictionary<string, string> Params, string? Disposition, string? FileName, string Text);

    public Part Calendar => Parts.Single(p => p.ContentType == "text/calendar");

    /// <summary>multipart/mixed holding multipart/alternative (text, HTML, the iTIP calendar) and the same calendar as invite.ics.</summary>
    public const string InvitationStructure = "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar],application/ics]";

    public static async Task<MimeMessage> ParseFileAsync(string path)
    {
        var script = Path.Combine(PlayDayApp.RepositoryRoot, "tests", "PlayDay.Web.Tests", "Mail", "mime_parts.py");
        var output = await ExternalProcess.RunAsync("/usr/bin/python3", [script, path]);
        return JsonSerializer.Deserialize<MimeMessage>(output, Json) ?? throw new InvalidOperationException("The MIME parser printed nothing.");
    }
}
