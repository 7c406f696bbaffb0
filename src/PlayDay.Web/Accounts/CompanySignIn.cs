using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace PlayDay.Web.Accounts;

/// <summary>
/// Company sign-in ("CompanySignIn" section): any standard OpenID Connect provider (Entra ID, Google
/// Workspace, Okta, Keycloak…), beside or instead of local accounts. Off until <see cref="Authority"/> is set.
/// </summary>
public sealed class CompanySignInOptions
{
    public const string Section = "CompanySignIn";

    /// <summary>The provider's issuer URL (its /.well-known/openid-configuration is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>Space-separated scopes; the provider must return the email (and for organizers the group) claims for them.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Claims also come from the provider's userinfo endpoint (most providers send email there); off for providers that put everything in the ID token.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; } = true;

    /// <summary>Only plain HTTP for a provider on this machine (tests, a local Keycloak).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// People are matched to accounts by email, so the provider must vouch for the address (email_verified = true).
    /// Turn off only for a provider that issues addresses itself and sends no such claim (Entra ID work accounts).
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>A claim (e.g. "groups" or "roles") whose value <see cref="OrganizerClaimValue"/> makes the person an organizer.</summary>
    public string? OrganizerClaim { get; set; }

    public string? OrganizerClaimValue { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public static class CompanySignIn
{
    /// <summary>The authentication scheme, and the login provider name stored with linked accounts.</summary>
    public const string Scheme = "company";

    public const string CallbackPath = "/signin-oidc";

    public const string ClaimEmailVerified = "email_verified";

    /// <summary>The sign-in page's message after a company sign-in that did not complete.</summary>
    public const string FailedQuery = "company-sign-in-failed";

    public static AuthenticationBuilder AddCompanySignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection(CompanySignInOptions.Section).Get<CompanySignInOptions>() ?? new CompanySignInOptions();
        authentication.Services.AddOptions<CompanySignInOptions>().BindConfiguration(CompanySignInOptions.Section)
            .Validate(o => !o.Enabled || (!string.IsNullOrWhiteSpace(o.ClientId) && Uri.TryCreate(o.Authority, UriKind.Absolute, out _)),
                "CompanySignIn needs an absolute Authority URL and a ClientId.")
            .Validate(o => !o.Enabled || !o.RequireHttpsMetadata || o.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                "CompanySignIn:Authority must be an https:// URL (CompanySignIn:RequireHttpsMetadata=false allows http, for a provider on this machine only).")
            .Validate(o => string.IsNullOrWhiteSpace(o.OrganizerClaim) == string.IsNullOrWhiteSpace(o.OrganizerClaimValue),
                "CompanySignIn:OrganizerClaim and CompanySignIn:OrganizerClaimValue go together.")
            .ValidateOnStart();
        if (!settings.Enabled)
        {
            return authentication;
        }
        return authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.CallbackPath = CallbackPath;
            // The provider's identity lives only as long as it takes to find or make the account (ExternalDone).
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
            options.SaveTokens = false;
            // Claims keep the names the provider gives them (sub, email, email_verified, groups).
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                options.Scope.Add(scope);
            }
            options.ClaimActions.MapUniqueJsonKey(ClaimEmailVerified, ClaimEmailVerified);
            if (!string.IsNullOrWhiteSpace(settings.OrganizerClaim))
            {
                options.ClaimActions.MapJsonKey(settings.OrganizerClaim, settings.OrganizerClaim);
            }
            // A cancelled, refused or forged answer from the provider ends on the sign-in page with a message, never a 500.
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect($"{AccountSetup.LoginPath}?{FailedQuery}=1");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The origin the sign-in form posts on to (the page's form-action policy must allow it), or null.</summary>
    public static string? ProviderOrigin(IConfiguration configuration) =>
        configuration.GetSection(CompanySignInOptions.Section).Get<CompanySignInOptions>() is { Enabled: true } settings
        && Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority)
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>What the provider said about the person, read from the short-lived external sign-in.</summary>
    public sealed record Identity(string Subject, string? Email, bool EmailVerified, string? Name, bool Organizer);

    public static Identity? Read(ClaimsPrincipal principal, CompanySignInOptions settings)
    {
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }
        var verified = principal.FindAll(ClaimEmailVerified).Any(c => string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase));
        var organizer = !string.IsNullOrWhiteSpace(settings.OrganizerClaim)
            && principal.FindAll(settings.OrganizerClaim).Any(c => string.Equals(c.Value, settings.OrganizerClaimValue, StringComparison.Ordinal));
        return new Identity(subject, principal.FindFirstValue("email") ?? principal.FindFirstValue(ClaimTypes.Email), verified,
            principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name), organizer);
    }
}
