using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.Accounts;

/// <summary>
/// A real OpenID Connect provider on loopback: panva's oidc-provider under Node (Accounts/oidc/provider.mjs),
/// with one client (this app) and the accounts a test gives it. Its development pages take any password;
/// the login name picks the account.
/// </summary>
public sealed class OpenIdProvider : IDisposable
{
    public const string ClientId = "playday";
    public const string ClientSecret = "playday-test-client-secret";

    public sealed record Account(string Email, bool EmailVerified, string Name, string[] Groups);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    public int Port { get; }

    public string Authority => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A free port to name in the app's settings before the provider starts (the provider needs the app's address).</summary>
    public static int ReservePort() => SmtpServer.FreePort();

    private OpenIdProvider(int port, string setup)
    {
        Port = port;
        var directory = Path.Combine(PlayDayApp.RepositoryRoot, "tests", "PlayDay.Web.Tests", "Accounts", "oidc");
        Assert.True(Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")),
            $"oidc-provider is missing: run `npm ci` in {directory} (.ci/run does).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(setup);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the provider on <paramref name="port"/> for the app at <paramref name="app"/>; returns once it listens.</summary>
    public static async Task<OpenIdProvider> StartAsync(int port, Uri app, IReadOnlyDictionary<string, Account> accounts)
    {
        var setup = JsonSerializer.Serialize(new
        {
            client = new { id = ClientId, secret = ClientSecret, redirectUri = new Uri(app, "/signin-oidc").AbsoluteUri },
            accounts = accounts.ToDictionary(a => a.Key, a => new { email = a.Value.Email, email_verified = a.Value.EmailVerified, name = a.Value.Name, groups = a.Value.Groups }),
        });
        var provider = new OpenIdProvider(port, setup);
        try
        {
            var line = await provider._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (line != "listening")
            {
                throw new InvalidOperationException($"oidc-provider did not start: {provider.Errors}");
            }
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The app's settings for this provider (the port is reserved before either starts).</summary>
    public static Dictionary<string, string> Settings(int port, string? organizerGroup = "playday-organizers") => new()
    {
        ["CompanySignIn:Authority"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        ["CompanySignIn:ClientId"] = ClientId,
        ["CompanySignIn:ClientSecret"] = ClientSecret,
        ["CompanySignIn:DisplayName"] = "Acme SSO",
        ["CompanySignIn:Scopes"] = "openid profile email groups",
        ["CompanySignIn:RequireHttpsMetadata"] = "false",
        ["CompanySignIn:OrganizerClaim"] = organizerGroup is null ? "" : "groups",
        ["CompanySignIn:OrganizerClaimValue"] = organizerGroup ?? "",
    };

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
