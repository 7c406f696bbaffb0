using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PlayDay.Web.Tests.Mail;

/// <summary>
/// A real SMTP server on loopback (Debian's python3-aiosmtpd, driven by smtp_server.py) that keeps
/// every message byte for byte, with its envelope. It can require AUTH and offer STARTTLS or SMTPS.
/// Recipients named unknown…@ are refused for good (550), busy…@ for now (451).
/// </summary>
public sealed class SmtpServer : IDisposable
{
    public sealed record Envelope(string MailFrom, List<string> RcptTos, string? Login);

    public sealed record Received(string Path, Envelope Envelope);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly string _root = Directory.CreateTempSubdirectory("playday-smtp-").FullName;

    public int Port { get; }

    private string Inbox => Path.Combine(_root, "inbox");

    private SmtpServer(int port, IEnumerable<string> options)
    {
        Port = port;
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(PlayDayApp.RepositoryRoot, "tests", "PlayDay.Web.Tests", "Mail", "smtp_server.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Inbox);
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts a server and returns once it listens. <paramref name="user"/> makes AUTH required.</summary>
    public static async Task<SmtpServer> StartAsync(string? user = null, string? password = null,
        TestCertificate? startTls = null, TestCertificate? smtps = null)
    {
        var options = new List<string>();
        if (user is not null)
        {
            options.AddRange(["--user", user, "--password", password ?? ""]);
        }
        if (startTls is not null)
        {
            options.AddRange(["--starttls", startTls.CertificatePath, startTls.KeyPath]);
        }
        if (smtps is not null)
        {
            options.AddRange(["--smtps", smtps.CertificatePath, smtps.KeyPath]);
        }
        var server = new SmtpServer(FreePort(), options);
        try
        {
            // The script prints one line once the server accepts connections.
            var line = await server._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (line != "listening")
            {
                throw new InvalidOperationException($"aiosmtpd did not start: {server.Errors}");
            }
            return server;
        }
        catch
        {
            server.Dispose();
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

    /// <summary>Every message received so far, oldest first.</summary>
    public List<Received> Messages =>
        Directory.Exists(Inbox)
            ? Directory.GetFiles(Inbox, "*.eml").Order(StringComparer.Ordinal)
                .Select(path => new Received(path, JsonSerializer.Deserialize<Envelope>(File.ReadAllText(Path.ChangeExtension(path, ".json")), Json)!))
                .ToList()
            : [];

    public List<Received> MessagesTo(string recipient) =>
        Messages.Where(m => m.Envelope.RcptTos.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits for the first message to <paramref name="recipient"/>.</summary>
    public async Task<Received> WaitForAsync(string recipient)
    {
        await Eventually.TrueAsync(() => Task.FromResult(MessagesTo(recipient).Count > 0), $"the SMTP server to receive mail for {recipient}");
        return MessagesTo(recipient)[0];
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>One plain SMTP server shared by the tests of a class (each test writes to its own recipients).</summary>
public sealed class SharedSmtpServer : IAsyncLifetime
{
    public SmtpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SmtpServer.StartAsync();

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
