namespace Trial.Followup.Hosting;

/// <summary>Transport security towards the relay.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain SMTP; only for a relay on the same host or a trusted network.</summary>
    None,

    /// <summary>STARTTLS when the relay advertises it, plain otherwise (but no password in clear, see AllowPlainTextAuth).</summary>
    StartTlsWhenAvailable,

    /// <summary>STARTTLS required: no relay without it is used.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
