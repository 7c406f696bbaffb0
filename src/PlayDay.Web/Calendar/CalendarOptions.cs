namespace PlayDay.Web.Calendar;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The ORGANIZER mailbox of every invite; replies from calendar clients go here. When empty, Mail:From.</summary>
    public string OrganizerEmail { get; set; } = "";

    public string OrganizerName { get; set; } = "PlayDay";

    /// <summary>Minutes before the start that the VALARM reminder fires; 0 for none.</summary>
    public int ReminderMinutes { get; set; } = 24 * 60;

    /// <summary>Address of the site as people reach it; invites and feeds link to play days with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}
