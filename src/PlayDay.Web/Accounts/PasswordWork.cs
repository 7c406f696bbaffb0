using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PlayDay.Web.Data;

namespace PlayDay.Web.Accounts;

/// <summary>
/// The password work a request does when the address has no account, so that it costs what a
/// request for an account costs: response times must not tell which emails have accounts.
/// </summary>
public static class PasswordWork
{
    private static readonly string Nothing = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    private static string? s_hashOfNothing;

    /// <summary>Checks <paramref name="password"/> against a hash that nothing matches, with the real hasher; always false.</summary>
    public static bool VerifyWithoutAccount(IPasswordHasher<AppUser> hasher, string password)
    {
        var nobody = new AppUser();
        var hash = s_hashOfNothing ??= hasher.HashPassword(nobody, Nothing);
        hasher.VerifyHashedPassword(nobody, hash, password);
        return false;
    }
}
