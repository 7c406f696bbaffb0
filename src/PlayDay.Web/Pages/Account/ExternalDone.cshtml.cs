using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

/// <summary>
/// Where the company's provider sends the person back: the account with this provider identity, else the
/// account with the same (verified) email, else a new confirmed account; organizers granted by the group claim.
/// </summary>
[AllowAnonymous]
public sealed class ExternalDoneModel(PlayDayDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
    IOptions<CompanySignInOptions> settings, TimeProvider clock, ILogger<ExternalDoneModel> log) : PageModel
{
    public const string Unverified = "Your company account did not confirm that the email address is yours, so it cannot be matched to a PlayDay account. Ask your administrator.";
    public const string NoEmail = "Your company account sent no usable email address, which PlayDay needs to know who you are. Ask your administrator.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!settings.Value.Enabled)
        {
            return NotFound();
        }
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || CompanySignIn.Read(external.Principal, settings.Value) is not { } identity)
        {
            return Redirect($"{AccountSetup.LoginPath}?{CompanySignIn.FailedQuery}=1");
        }
        var email = identity.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            return Refused(NoEmail);
        }
        if (settings.Value.RequireVerifiedEmail && !identity.EmailVerified)
        {
            return Refused(Unverified);
        }

        var user = await users.FindByLoginAsync(CompanySignIn.Scheme, identity.Subject)
            ?? await LinkAsync(email, identity)
            ?? await CreateAsync(email, identity);
        if (identity.Organizer && !await users.IsInRoleAsync(user, Roles.Organizer))
        {
            Check(await users.AddToRoleAsync(user, Roles.Organizer));
            log.LogInformation("Company sign-in made account {UserId} an organizer (group claim).", user.Id);
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: CompanySignIn.Scheme);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Refused(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>
    /// The provider vouches for the address, so an account registered with it is this person's. If that account was
    /// never confirmed, whoever registered it chose its password: the password goes, so only this person gets in.
    /// </summary>
    private async Task<AppUser?> LinkAsync(string email, CompanySignIn.Identity identity)
    {
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return null;
        }
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            user.PasswordHash = null;
            Check(await users.UpdateAsync(user));
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(CompanySignIn.Scheme, identity.Subject, settings.Value.DisplayName)));
        log.LogInformation("Company sign-in linked account {UserId}.", user.Id);
        return user;
    }

    private async Task<AppUser> CreateAsync(string email, CompanySignIn.Identity identity)
    {
        var name = UserText.Clean(identity.Name);
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(name) ? email.Split('@')[0] : name[..Math.Min(name.Length, AppUser.DisplayNameMaxLength)],
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var first = await FirstOrganizer.TryClaimAsync(db, user, clock.GetUtcNow().UtcDateTime);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            // The same person's other tab made the account a moment ago.
            return await users.FindByLoginAsync(CompanySignIn.Scheme, identity.Subject)
                ?? await LinkAsync(email, identity)
                ?? throw new InvalidOperationException("Company sign-in could not make an account: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(CompanySignIn.Scheme, identity.Subject, settings.Value.DisplayName)));
        if (first)
        {
            Check(await users.AddToRoleAsync(user, Roles.Organizer));
        }
        await transaction.CommitAsync();
        log.LogInformation("Company sign-in made account {UserId}.", user.Id);
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Company sign-in: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
