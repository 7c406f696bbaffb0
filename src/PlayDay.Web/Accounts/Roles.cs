namespace PlayDay.Web.Accounts;

public static class Roles
{
    /// <summary>Schedules and runs play days, manages who else is an organizer.</summary>
    public const string Organizer = "Organizer";
}
