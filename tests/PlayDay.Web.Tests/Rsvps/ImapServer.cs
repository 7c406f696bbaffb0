using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Time.Testing;
using PlayDay.Web.Tests.Mail;

namespace PlayDay.Web.Tests.Rsvps;

/// <summary>
/// A real IMAP server on loopback: Debian's dovecot-imapd, run in the foreground with a throwaway
/// configuration in a temporary folder (plain IMAP on 127.0.0.1, maildirs in the folder). Every user
/// name logs in with <see cref="Password"/> and gets its own mailbox, so each test uses a user of its own.
/// </summary>
public sealed class ImapServer : IDisposable
{
    public const string Password = "imap-secret";
    private const string Dovecot = "/usr/sbin/dovecot";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _root;

    public int Port { get; }

    private ImapServer(string root, int port, Process process)
    {
        _root = root;
        Port = port;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Starts dovecot and returns once it accepts connections; fails within 20 s, saying why.</summary>
    public static async Task<ImapServer> StartAsync()
    {
        if (!File.Exists(Dovecot))
        {
            throw new InvalidOperationException($"{Dovecot} is missing: install Debian's dovecot-imapd (.ci/run does).");
        }
        var root = Directory.CreateTempSubdirectory("playday-imap-").FullName;
        var port = SmtpServer.FreePort();
        await File.WriteAllTextAsync(Path.Combine(root, "dovecot.conf"), await ConfigurationAsync(root, port));
        var start = new ProcessStartInfo(Dovecot) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "-c", Path.Combine(root, "dovecot.conf") })
        {
            start.ArgumentList.Add(argument);
        }
        var server = new ImapServer(root, port, Process.Start(start) ?? throw new InvalidOperationException("Could not start dovecot."));
        try
        {
            await server.WaitUntilListeningAsync(TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs as whoever runs the tests. Dovecot gives no mailbox to uid 0, so as root (CI) the
    /// mailboxes belong to the package's own dovecot user; as anyone else, to that user.
    /// </summary>
    private static async Task<string> ConfigurationAsync(string root, int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The IMAP tests run Debian's dovecot, on Linux.");
        }
        var uid = (await ExternalProcess.RunAsync("id", ["-u"])).Trim();
        var user = (await ExternalProcess.RunAsync("id", ["-un"])).Trim();
        var group = (await ExternalProcess.RunAsync("id", ["-gn"])).Trim();
        var mail = Path.Combine(root, "mail");
        Directory.CreateDirectory(mail);
        string owner;
        var services = new StringBuilder();
        if (uid == "0")
        {
            owner = "uid=dovecot gid=dovecot";
            // The mailboxes' owner must get through the temp folder (made private) into the mail folder.
            File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(mail, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        else
        {
            owner = $"uid={user} gid={group}";
            services.AppendLine(CultureInfo.InvariantCulture, $"default_internal_user = {user}")
                .AppendLine(CultureInfo.InvariantCulture, $"default_internal_group = {group}")
                .AppendLine(CultureInfo.InvariantCulture, $"default_login_user = {user}")
                .AppendLine("service anvil {\n  chroot =\n}");
        }
        return $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            instance_name = playday-test-{{port}}
            log_path = /dev/stderr
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            mail_location = maildir:{{mail}}/%u
            {{services}}
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = {{owner}} home={{mail}}/%u
            }
            service imap-login {
              {{(uid == "0" ? "" : "chroot =")}}
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
    }

    private async Task WaitUntilListeningAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited with {_process.ExitCode} before it listened:\n{Output}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"dovecot did not listen on 127.0.0.1:{Port} within {limit.TotalSeconds:0} s ({e.Message}):\n{Output}");
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>How often the app looks into the mailbox with <see cref="SettingsFor"/>, on its own clock.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The app's settings for reading <paramref name="user"/>'s inbox on this server, every <see cref="Poll"/>.</summary>
    public Dictionary<string, string> SettingsFor(string user) => new()
    {
        ["Rsvp:ImapHost"] = "127.0.0.1",
        ["Rsvp:ImapPort"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Rsvp:Security"] = "None",
        ["Rsvp:UserName"] = user,
        ["Rsvp:Password"] = Password,
        ["Rsvp:PollSeconds"] = Poll.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Puts a message into <paramref name="user"/>'s inbox (IMAP APPEND, as a delivery would) and returns its UID.</summary>
    public async Task<UniqueId> AppendAsync(string user, string message, MessageFlags flags = MessageFlags.None)
    {
        using var client = await ConnectAsync(user);
        using var parsed = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(message)));
        var uid = await client.Inbox.AppendAsync(new AppendRequest(parsed, flags));
        await client.DisconnectAsync(true);
        return uid ?? throw new InvalidOperationException("The server did not say which UID the message got.");
    }

    /// <summary>The flags and keywords the message has now.</summary>
    public async Task<(MessageFlags Flags, IReadOnlySet<string> Keywords)> FlagsAsync(string user, UniqueId uid)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summary = (await client.Inbox.FetchAsync([uid], new FetchRequest(MessageSummaryItems.Flags))).Single();
        await client.DisconnectAsync(true);
        return (summary.Flags ?? MessageFlags.None, summary.Keywords.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Takes \Seen and every keyword off a message, as if whoever handled it never marked it.</summary>
    public async Task UnmarkAsync(string user, UniqueId uid, string keyword)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await client.Inbox.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Remove, MessageFlags.Seen, [keyword]));
        await client.DisconnectAsync(true);
    }

    /// <summary>
    /// Waits until the app has marked the message handled, and returns its flags. The app's job waits for
    /// its next round on the app's <paramref name="clock"/>, so each look moves that clock on by <see cref="Poll"/>.
    /// </summary>
    public async Task<MessageFlags> HandledAsync(string user, UniqueId uid, string keyword, FakeTimeProvider clock)
    {
        var flags = MessageFlags.None;
        await Eventually.TrueAsync(async () =>
        {
            clock.Advance(Poll);
            var (now, keywords) = await FlagsAsync(user, uid);
            flags = now;
            return keywords.Contains(keyword);
        }, $"message {uid} in {user}'s inbox to be marked {keyword}");
        return flags;
    }

    public async Task<int> CountAsync(string user, SearchQuery query)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var count = (await client.Inbox.SearchAsync(query)).Count;
        await client.DisconnectAsync(true);
        return count;
    }

    private async Task<ImapClient> ConnectAsync(string user)
    {
        var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>One dovecot shared by the tests of a class; each test reads the mailbox of a user of its own.</summary>
public sealed class SharedImapServer : IAsyncLifetime
{
    public ImapServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ImapServer.StartAsync();

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
