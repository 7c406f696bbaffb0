using System.Net.Security;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

/// <summary>Where mail goes: an SMTP server through MailKit, or the pickup folder when no SMTP host is set.</summary>
public sealed class MailSender(IOptions<MailOptions> mailOptions, IOptions<DataOptions> dataOptions)
{
    public string PickupDirectory => Path.Combine(dataOptions.Value.DataDirectory, "mail-pickup");

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(mailOptions.Value.SmtpHost);

    /// <summary>Starts a run of sends that share one SMTP connection, opened at the first message and closed on dispose.</summary>
    public MailSession OpenSession() => new(this, mailOptions.Value);

    public sealed class MailSession(MailSender sender, MailOptions options) : IAsyncDisposable
    {
        private SmtpClient? _client;

        /// <summary>Sends <paramref name="message"/>; returns the pickup file name when it was written to the folder.</summary>
        public async Task<string?> SendAsync(MimeMessage message, int id, CancellationToken cancellationToken)
        {
            if (sender.UsesPickupFolder)
            {
                return await WriteToPickupFolderAsync(message, id, cancellationToken);
            }
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
                return null;
            }
            catch
            {
                // After any failure the connection's state is unknown: the next message starts a fresh one.
                Drop();
                throw;
            }
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true } connected)
            {
                return connected;
            }
            Drop();
            var client = new SmtpClient
            {
                Timeout = options.TimeoutSeconds * 1000,
                CheckCertificateRevocation = options.CheckCertificateRevocation,
            };
            _client = client;
            if (!string.IsNullOrWhiteSpace(options.ServerCertificateThumbprint))
            {
                var pinned = NormalizeThumbprint(options.ServerCertificateThumbprint);
                // Accept a certificate the system trusts, or exactly the pinned one; nothing else.
                client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || (certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256).Equals(pinned, StringComparison.OrdinalIgnoreCase));
            }
            await client.ConnectAsync(options.SmtpHost!.Trim(), options.SmtpPort, SocketOptions(options.EffectiveSecurity), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            return client;
        }

        public static string NormalizeThumbprint(string thumbprint) =>
            new([.. thumbprint.Where(c => c is not (':' or ' ' or '-'))]);

        private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
        };

        private void Drop()
        {
            _client?.Dispose();
            _client = null;
        }

        private async Task<string> WriteToPickupFolderAsync(MimeMessage message, int id, CancellationToken cancellationToken)
        {
            var directory = Directory.CreateDirectory(sender.PickupDirectory);
            var fileName = $"{id:D6}.eml";
            // Written under a temporary name and then moved: a reader of the folder never sees half a message.
            var temporary = Path.Combine(directory.FullName, $".{fileName}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, useAsync: true))
                {
                    await message.WriteToAsync(MailComposer.Format, stream, cancellationToken);
                }
                File.Move(temporary, Path.Combine(directory.FullName, fileName), overwrite: true);
                return fileName;
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await client.DisconnectAsync(quit: true, quit.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
                {
                    // Everything was sent already; a server that hangs up rudely changes nothing.
                }
            }
            Drop();
        }
    }
}
