namespace PlayDay.Web.Accounts;

/// <summary>Per-network-address limits on the account forms ("Accounts" section).</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in attempts one network address may make per minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Registrations one network address may submit per minute.</summary>
    public int RegistrationsPerMinute { get; set; } = 5;

    /// <summary>Requests for a new confirmation link, a password-reset link, and password resets, per minute and address.</summary>
    public int LinkRequestsPerMinute { get; set; } = 5;

    /// <summary>
    /// Email-and-password accounts (registration, password sign-in and resets). Turn off when everyone signs in
    /// with the company's provider (<see cref="CompanySignInOptions"/>).
    /// </summary>
    public bool LocalAccounts { get; set; } = true;
}
