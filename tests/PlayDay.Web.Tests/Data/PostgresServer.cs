using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.Data;

/// <summary>
/// A real PostgreSQL (Debian's postgresql package) on loopback: one throwaway cluster in a temp folder for the
/// whole test process, started on first use and removed when the process exits. Runs without durability
/// (fsync off): the cluster lives no longer than the tests.
/// </summary>
public sealed class PostgresServer
{
    public const string UserName = "playday";

    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process's cluster, started on first use.</summary>
    public static PostgresServer Instance => Shared.Value;

    private readonly DirectoryInfo _directory;
    private readonly Process _process;

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database, string? applicationName = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Database = database,
        ApplicationName = applicationName,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private PostgresServer(DirectoryInfo directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    private static PostgresServer Start()
    {
        var binaries = Binaries();
        // PostgreSQL refuses to run as root: as root (CI, this machine) the cluster belongs to the package's postgres user.
        var asPostgresUser = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("playday-postgres-");
        try
        {
            if (asPostgresUser)
            {
                Run("chown", ["postgres:", directory.FullName]);
            }
            var data = Path.Combine(directory.FullName, "data");
            Run(asPostgresUser, Path.Combine(binaries, "initdb"),
                ["-D", data, "-A", "trust", "-U", UserName, "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);

            var port = SmtpServer.FreePort();
            var process = Process.Start(StartInfo(asPostgresUser, Path.Combine(binaries, "postgres"),
                ["-D", data, "-k", directory.FullName, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=500"]))
                ?? throw new InvalidOperationException("Could not start postgres.");
            var server = new PostgresServer(directory, process, port);
            try
            {
                server.WaitUntilReady();
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
                throw;
            }
            server.StartReaper();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            return server;
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The newest installed version's bin folder (Debian: /usr/lib/postgresql/VERSION/bin).</summary>
    private static string Binaries()
    {
        const string root = "/usr/lib/postgresql";
        var newest = (Directory.Exists(root) ? Directory.GetDirectories(root) : [])
            .Where(version => File.Exists(Path.Combine(version, "bin", "initdb")))
            .OrderByDescending(version => int.TryParse(Path.GetFileName(version).Split('.')[0], CultureInfo.InvariantCulture, out var major) ? major : 0)
            .FirstOrDefault();
        return newest is null
            ? throw new InvalidOperationException(
                $"PostgreSQL is missing: no {root}/*/bin/initdb. Install Debian's postgresql package (apt-get install postgresql; .ci/run does).")
            : Path.Combine(newest, "bin");
    }

    private void WaitUntilReady()
    {
        var log = new StringBuilder();
        using var ready = new ManualResetEventSlim();
        _process.ErrorDataReceived += (_, line) =>
        {
            if (ready.IsSet || line.Data is null)
            {
                // After the start the log is only drained, so the server never blocks on a full pipe.
                return;
            }
            lock (log)
            {
                log.AppendLine(line.Data);
            }
            if (line.Data.Contains("database system is ready to accept connections", StringComparison.Ordinal))
            {
                ready.Set();
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (!ready.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                lock (log)
                {
                    throw new InvalidOperationException($"PostgreSQL did not start on port {Port}: {log}");
                }
            }
        }
    }

    /// <summary>The postmaster's process id: the first line of postmaster.pid (as root, <c>_process</c> is runuser, its parent).</summary>
    private string PostmasterId => File.ReadLines(Path.Combine(_directory.FullName, "data", "postmaster.pid")).First().Trim();

    /// <summary>
    /// A watcher outside this process's tree (started through a shell that exits at once, so its parent is not this
    /// process): once the test process is gone, however it ended, it stops the server and removes the cluster's
    /// folder. The test runner kills the test host a moment after the last test, often before exit handlers finish.
    /// </summary>
    private void StartReaper()
    {
        var postmaster = PostmasterId;
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; kill -QUIT {postmaster} 2>/dev/null; "
            + $"for i in $(seq 100); do kill -0 {postmaster} 2>/dev/null || break; sleep 0.1; done; kill -0 {postmaster} 2>/dev/null && kill -KILL {postmaster}; "
            + $"rm -rf '{_directory.FullName}'";
        Run("sh", ["-c", "setsid sh -c \"$0\" </dev/null >/dev/null 2>&1 &", script]);
    }

    /// <summary>At exit: an immediate shutdown (nothing needs to survive); the watcher removes the folder once this process is gone.</summary>
    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                Run("kill", ["-QUIT", PostmasterId]);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Already gone: the watcher still removes the folder.
        }
    }

    private static ProcessStartInfo StartInfo(bool asPostgresUser, string program, IEnumerable<string> arguments)
    {
        // util-linux's runuser is in /usr/sbin, which a non-login PATH may lack.
        var start = new ProcessStartInfo(asPostgresUser ? (File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser") : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgresUser)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static void Run(string program, IEnumerable<string> arguments) => Run(false, program, arguments);

    private static void Run(bool asPostgresUser, string program, IEnumerable<string> arguments)
    {
        using var process = Process.Start(StartInfo(asPostgresUser, program, arguments)) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 60 s.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}
