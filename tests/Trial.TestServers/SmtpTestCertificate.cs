using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Trial.TestServers;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost (or one issued by a test authority for another name), made in the test (nothing committed, nothing from
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

    /// <summary>
    /// The certificate of the authority that issued the relay's certificate (PEM), for <see cref="CreateIssuedByAuthority"/>;
    /// the same file as <see cref="CertificateFile"/> for a self-signed one.
    /// </summary>
    public string AuthorityFile => File.Exists(Path.Combine(_directory, "authority.crt.pem")) ? Path.Combine(_directory, "authority.crt.pem") : CertificateFile;

    /// <summary>
    /// A certificate issued for <paramref name="name"/> only (a host name or an IP address) by a test authority made
    /// here: pin <see cref="AuthorityFile"/>, and the chain is trusted while the name is whatever this says.
    /// </summary>
    public static SmtpTestCertificate CreateIssuedByAuthority(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "trial-smtp-cert-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var now = TimeProvider.System.GetUtcNow();
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=trial-test-authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest("CN=" + name, key, names =>
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        });
        using var certificate = request.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        var created = new SmtpTestCertificate(directory);
        File.WriteAllText(created.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(created.KeyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "authority.crt.pem"), authority.ExportCertificatePem());
        return created;
    }

    private static CertificateRequest ServerRequest(string subject, ECDsa key, Action<SubjectAlternativeNameBuilder> name)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        name(names);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        return request;
    }

    public static SmtpTestCertificate Create(string subject = "CN=trial-test-relay")
    {
        var directory = Path.Combine(Path.GetTempPath(), "trial-smtp-cert-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(subject, key, names =>
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        });
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
