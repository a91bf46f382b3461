using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Trial.TestServers;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost, made in the test (nothing committed, nothing from
/// the machine's trust store), written as PEM files: the certificate and its key for Python's ssl module in
/// <see cref="SmtpSink"/>, and the certificate alone for the sender to pin.
/// </summary>
public sealed class SmtpTestCertificate : IDisposable
{
    private readonly string _directory;

    private SmtpTestCertificate(string directory)
    {
        _directory = directory;
    }

    /// <summary>The certificate alone (PEM): what a sender is told to trust.</summary>
    public string CertificateFile => Path.Combine(_directory, "relay.crt.pem");

    /// <summary>The private key (PKCS#8 PEM), for the server only.</summary>
    public string KeyFile => Path.Combine(_directory, "relay.key.pem");

    public static SmtpTestCertificate Create(string subject = "CN=trial-test-relay")
    {
        var directory = Path.Combine(Path.GetTempPath(), "trial-smtp-cert-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        // TLS checks validity against the real clock, not a test's fake one.
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var created = new SmtpTestCertificate(directory);
        File.WriteAllText(created.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(created.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return created;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the folder is in /tmp.
        }
    }
}
