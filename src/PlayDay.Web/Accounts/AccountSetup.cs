using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PlayDay.Web.Data;

namespace PlayDay.Web.Accounts;

public static class AccountSetup
{
    public const string LoginPath = "/account/login";

    /// <summary>How long a copied or other session's cookie keeps working after a sign-out, password change or role change.</summary>
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddPlayDayAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.LocalAccounts || CompanySignIn.ProviderOrigin(configuration) is not null,
                "Accounts:LocalAccounts=false needs company sign-in (CompanySignIn:Authority), or nobody could sign in.")
            .ValidateOnStart();
        services.AddSingleton<AccountMail>();
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // An account works once its owner followed the link mailed to them (the first account of an install excepted).
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 8;
                // No per-account lockout: it let anyone lock an organizer out with five wrong passwords.
                // Guessing is slowed per network address instead (AccountThrottle).
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<PlayDayDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = "/account/logout";
            options.Cookie.Name = "PlayDay.Auth";
            options.SlidingExpiration = true;
            // A signed-in user without the right role gets a real 403 (rendered by the status page),
            // not a redirect that a script or test could mistake for success.
            // Hubs are not pages: an anonymous connection gets 401, not a redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Every cookie's security stamp is checked this often (on the injected TimeProvider's clock), so a sign-out,
        // a password change or a role change reaches every other session, and copies of the cookie, within the interval.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionCheckInterval);

        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AccountThrottle.SignIn, new AccountThrottle(o => o.SignInsPerMinute));
            options.AddPolicy(AccountThrottle.Registration, new AccountThrottle(o => o.RegistrationsPerMinute));
            options.AddPolicy(AccountThrottle.LinkRequests, new AccountThrottle(o => o.LinkRequestsPerMinute));
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddPolicyScheme(ApiTokenAuthentication.CookieOrToken, "Cookie or API token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme;
                options.ForwardChallenge = ApiTokenAuthentication.SchemeName;
            })
            .AddCompanySignIn(configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Organizer, policy => policy.RequireRole(Roles.Organizer));
        return services;
    }

    public static async Task EnsureRolesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Organizer))
        {
            await roles.CreateAsync(new IdentityRole(Roles.Organizer));
        }
    }
}
