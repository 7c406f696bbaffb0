namespace PlayDay.Web.Data;

/// <summary>Settings under "PlayDay" that decide where data lives and what a fresh install holds.</summary>
public sealed class DataOptions
{
    public const string Section = "PlayDay";

    /// <summary>Folder for the embedded database (and later mail pickup); relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Fill an empty database with demo play days and accounts.</summary>
    public bool SeedDemoData { get; set; }
}
