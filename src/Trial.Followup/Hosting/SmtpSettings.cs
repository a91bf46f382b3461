using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace Trial.Followup.Hosting;

/// <summary>
/// The SMTP relay e-mail goes through: the host's "Trial:Smtp" configuration section, bound as it is (one shape for
/// configuration and for the channel, so a default is written once). Without a <see cref="Host"/> no e-mail is sent: it
/// is held, shown to the coordinator, and goes out once a relay is configured. The password is best given as the
/// environment variable Trial__Smtp__Password.
/// </summary>
public sealed record SmtpSettings
{
    public SmtpSettings()
    {
    }

    public SmtpSettings(string host, int port, string fromAddress, string fromName)
    {
        Host = host;
        Port = port;
        FromAddress = fromAddress;
        FromName = fromName;
    }

    /// <summary>The relay's host name, also the name its TLS certificate is checked against. Empty: no relay.</summary>
    public string Host { get; init; } = "";

    public int Port { get; init; } = 587;

    /// <summary>How the connection is secured. Default: STARTTLS whenever the relay offers it.</summary>
    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTlsWhenAvailable;

    /// <summary>Sign-in name at the relay; none means no AUTH.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// Whether the password may be sent over a connection without TLS. Default false: with credentials configured, a
    /// relay that offers no STARTTLS (or Tls=None) is not signed in to and e-mail waits, so a relay that lost its TLS
    /// (or a machine in the middle that strips the STARTTLS offer) never sees the password in clear. Set true only for a
    /// relay on this host or on a network the data controller trusts.
    /// </summary>
    public bool AllowPlainTextAuth { get; init; }

    /// <summary>
    /// A PEM file with a certificate the relay's certificate is trusted through besides the system's authorities: the
    /// relay's own (pinned, e.g. self-signed) certificate or the internal CA that issued it. The host name must still
    /// match. Nothing is ever accepted just because it is presented.
    /// </summary>
    public string? TrustedCertificateFile { get; init; }

    public string FromAddress { get; init; } = "noreply@example.org";

    public string FromName { get; init; } = "IPS-studien";

    /// <summary>Seconds one SMTP command may take before the send counts as failed and is retried later.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    [MemberNotNullWhen(true, nameof(UserName))]
    public bool HasCredentials => !string.IsNullOrEmpty(UserName);

    /// <summary>
    /// These settings, or null when no Host is configured; a setting that cannot work stops the start with its name
    /// (under <paramref name="section"/>) and rule.
    /// </summary>
    public SmtpSettings? Validated(string section)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            return null;
        }
        Require(Port is > 0 and <= 65535, section, "Port", "must be a TCP port between 1 and 65535");
        Require(Enum.IsDefined(Tls), section, "Tls", "must be None, StartTlsWhenAvailable, StartTls or SslOnConnect");
        Require(TimeoutSeconds is > 0 and <= 600, section, "TimeoutSeconds", "must be between 1 and 600");
        Require(MailAddress.TryCreate(FromAddress, out var from) && from.Address == FromAddress.Trim() && string.IsNullOrEmpty(from.DisplayName),
            section, "FromAddress", "must be one plain e-mail address");
        Require(string.IsNullOrEmpty(Password) || HasCredentials, section, "UserName", "is required when a password is given");
        Require(!(HasCredentials && Tls == SmtpTlsMode.None && !AllowPlainTextAuth), section, "AllowPlainTextAuth",
            "must be true to sign in with Tls=None, which sends the password in clear (better: a Tls mode)");
        Require(TrustedCertificateFile is null || File.Exists(TrustedCertificateFile), section, "TrustedCertificateFile", "must name an existing PEM file");
        return this with { Host = Host.Trim(), FromAddress = FromAddress.Trim(), UserName = HasCredentials ? UserName : null };
    }

    private static void Require(bool condition, string section, string setting, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{section}:{setting} {rule}.");
        }
    }
}
