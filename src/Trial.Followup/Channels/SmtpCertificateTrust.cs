using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Trial.Followup.Channels;

/// <summary>
/// Which relay certificates one connection accepts: whatever the system's authorities vouch for, and, when a trusted
/// certificate is configured, a certificate that chains to it (the relay's own pinned certificate or an internal CA).
/// The host name must match in both cases; nothing is accepted merely because it is presented. Remembers why it refused,
/// so the failure can say so instead of MailKit's generic handshake error.
/// </summary>
internal sealed class SmtpCertificateTrust(X509Certificate2? anchor)
{
    /// <summary>Why the last certificate was refused, with its subject and SHA-256 thumbprint; null when none was.</summary>
    public string? Refusal { get; private set; }

    public static X509Certificate2? LoadAnchor(string? pemFile) =>
        string.IsNullOrEmpty(pemFile) ? null : X509Certificate2.CreateFromPem(File.ReadAllText(pemFile));

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null)
        {
            return Refuse("the relay presented no certificate");
        }
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var described = $"{presented.Subject}, SHA-256 {presented.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse($"its certificate ({described}) is not issued for the configured host name");
        }
        if (anchor is null)
        {
            return Refuse($"its certificate ({described}) is not trusted by this machine's authorities; to trust it, give it (or its CA) as TrustedCertificateFile");
        }
        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.CustomTrustStore.Add(anchor);
        if (chain is not null)
        {
            pinned.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        // A pinned private certificate or internal CA publishes no revocation list; trusting it is the operator's explicit choice.
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return pinned.Build(presented)
            || Refuse($"its certificate ({described}) does not chain to TrustedCertificateFile ({string.Join(", ", pinned.ChainStatus.Select(s => s.Status))})");
    }

    private bool Refuse(string reason)
    {
        Refusal = reason;
        return false;
    }
}
