namespace Trial.Followup.Hosting;

/// <summary>The SMTP relay e-mail goes through.</summary>
/// <param name="Host">The relay's host name, also the name its TLS certificate is checked against.</param>
public sealed record SmtpSettings(string Host, int Port, string FromAddress, string FromName)
{
    /// <summary>How the connection is secured. Default: STARTTLS whenever the relay offers it.</summary>
    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTlsWhenAvailable;

    /// <summary>Sign-in name at the relay; none means no AUTH.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>How long one SMTP command may take before the send counts as failed (and is retried later).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Transport security towards the relay.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain SMTP; only for a relay on the same host or a trusted network.</summary>
    None,

    /// <summary>STARTTLS when the relay advertises it, plain otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>STARTTLS required: no relay without it is used.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
