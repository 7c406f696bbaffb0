using Microsoft.Extensions.Options;

namespace PlayDay.Web.Calendar;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The ORGANIZER mailbox of every invite; replies from calendar clients go here. When empty, Mail:From.</summary>
    public string OrganizerEmail { get; set; } = "";

    public string OrganizerName { get; set; } = "PlayDay";

    /// <summary>Minutes before the start that the VALARM reminder fires; 0 for none.</summary>
    public int ReminderMinutes { get; set; } = 24 * 60;

    /// <summary>
    /// Address of the site as people reach it; invites, feeds, the board's QR code and account emails link with it.
    /// When empty, each request's own address is used (Development only, see <see cref="Validation"/>).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary><see cref="PublicBaseUrl"/> as an absolute http(s) address ending in '/', or null when it is not set or not one.</summary>
    public Uri? ConfiguredBaseUrl =>
        Uri.TryCreate(PublicBaseUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var url)
            && url.Scheme is "http" or "https" && url.Host.Length > 0 && url.Query.Length == 0 && url.Fragment.Length == 0
            && string.IsNullOrEmpty(url.UserInfo)
            ? url
            : null;

    /// <summary>
    /// A set address must be one; an unset one is refused outside Development. Taken from requests, the
    /// address would come from the Host header of whoever asks, and a password-reset mail requested with
    /// a forged Host would carry its secret link to another site.
    /// </summary>
    public sealed class Validation(IHostEnvironment environment) : IValidateOptions<CalendarOptions>
    {
        public ValidateOptionsResult Validate(string? name, CalendarOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                return environment.IsDevelopment()
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail("Calendar:PublicBaseUrl is not set. Outside Development it must be: it is the address in "
                        + "every emailed link (password resets among them), which must not be taken from whatever Host a request names. "
                        + "Set it to the address people use, e.g. https://playday.example.com.");
            }
            return options.ConfiguredBaseUrl is null
                ? ValidateOptionsResult.Fail($"Calendar:PublicBaseUrl “{options.PublicBaseUrl}” is not an http or https address without query, "
                    + "e.g. https://playday.example.com or https://intranet.example.com/playday.")
                : ValidateOptionsResult.Success;
        }
    }
}
