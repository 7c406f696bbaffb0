namespace PlayDay.Web.Templates;

public sealed class TemplateOptions
{
    public const string Section = "PlayDay";

    /// <summary>Folder of the Markdown templates organizers may edit; relative to the content root.</summary>
    public string TemplatesDirectory { get; set; } = "templates";
}
