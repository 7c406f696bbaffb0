using System.Diagnostics;
using System.Globalization;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.ScaleOut;

/// <summary>A real Redis (Debian's redis-server) on loopback, in memory only, for the life of a test.</summary>
public sealed class RedisServer : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("playday-redis-");

    public int Port { get; } = SmtpServer.FreePort();

    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    private RedisServer()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's redis-server package (.ci/run does).");
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--dir", _directory.FullName, "--daemonize", "no", "--loglevel", "notice" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
    }

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await server._process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    // Keep reading so the server never blocks on a full pipe.
                    _ = server._process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return server;
                }
            }
            throw new InvalidOperationException("redis-server stopped before it accepted connections: " + await server._process.StandardError.ReadToEndAsync(timeout.Token));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
