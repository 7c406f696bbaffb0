using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PlayDay.Web.Tests.Mail;

/// <summary>
/// A self-signed certificate for 127.0.0.1, made at test time and written as PEM files for the SMTP
/// server. Nothing trusts it; a test that wants the app to accept it pins its SHA-256 thumbprint.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("playday-cert-");

    public string CertificatePath => Path.Combine(_directory.FullName, "cert.pem");

    public string KeyPath => Path.Combine(_directory.FullName, "key.pem");

    public string Sha256Thumbprint { get; }

    public TestCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        Sha256Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
