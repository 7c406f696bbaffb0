using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;

namespace PlayDay.Web.Accounts;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" with a personal API token. Only the token's SHA-256 is
/// stored, so a leaked database does not leak working tokens.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PlayDayDbContext db, SignInManager<AppUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>Cookie for browsers, token for everything else; unauthenticated API calls get 401, not a sign-in page.</summary>
    public const string CookieOrToken = "CookieOrApiToken";

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = Hash(header["Bearer ".Length..].Trim());
        var user = await db.Users.SingleOrDefaultAsync(u => u.ApiTokenHash == hash);
        if (user is null)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new { detail = "Sign in, or send a personal API token as “Authorization: Bearer <token>” (make one on /me)." });
    }
}
