using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PlayDay.Web.Tests.Mail;

/// <summary>A real SMTP server on loopback (Debian's python3-aiosmtpd) that stores what it receives in a maildir.</summary>
public sealed class SmtpServer : IDisposable
{
    private readonly Process _process;
    private readonly string _root = Directory.CreateTempSubdirectory("playday-smtp-").FullName;

    public int Port { get; }

    private string MailDir => Path.Combine(_root, "maildir");

    private SmtpServer(int port)
    {
        Port = port;
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", MailDir })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
    }

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer(FreePort());
        await Eventually.TrueAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, server.Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "the SMTP server to listen", seconds: 20);
        return server;
    }

    public List<string> ReceivedFiles =>
        Directory.Exists(Path.Combine(MailDir, "new")) ? Directory.GetFiles(Path.Combine(MailDir, "new")).Order(StringComparer.Ordinal).ToList() : [];

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
