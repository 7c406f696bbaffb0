using Microsoft.Extensions.Options;

namespace PlayDay.Web.Templates;

/// <summary>
/// Reads the Markdown templates from disk on every use, so organizers can change them without a
/// rebuild. A missing or unreadable file falls back to the built-in text with a warning.
/// </summary>
public sealed class TemplateFiles(IOptions<TemplateOptions> options, IWebHostEnvironment environment, ILogger<TemplateFiles> logger)
{
    public const string PlayDayBrief = "playday.md";
    public const string ShareBack = "shareback.md";
    public const string Invitation = "invite.md";

    private const string BuiltInPlayDayBrief = """
        ## The brief

        A few protected hours to try AI tools on your own work. The only deliverable is a
        5-minute share-back: what you tried, what worked, what broke, and the before → after.
        """;

    private const string BuiltInShareBack = """
        ## What we tried

        ## What worked

        ## What broke or almost worked

        ## Before → after

        ## Try it yourself
        """;

    private const string BuiltInInvitation = """
        You're invited to **{{title}}** ({{quarter}}): a few protected hours to try AI tools on your own work.
        """;

    /// <summary>Reads a template and fills its {{placeholders}}; unknown placeholders stay as written.</summary>
    public string Fill(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = Read(name);
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    public string Read(string name)
    {
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.TemplatesDirectory, name));
        try
        {
            var text = File.ReadAllText(path);
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
            logger.LogWarning("Template {Path} is empty; using the built-in {Name}.", path, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Template {Path} could not be read ({Reason}); using the built-in {Name}.", path, e.Message, name);
        }
        return BuiltIn(name);
    }

    private static string BuiltIn(string name) => name switch
    {
        PlayDayBrief => BuiltInPlayDayBrief,
        ShareBack => BuiltInShareBack,
        Invitation => BuiltInInvitation,
        _ => throw new ArgumentException($"There is no built-in template called {name}.", nameof(name)),
    };
}
