namespace Trial.TestServers;

/// <summary>How a test's <see cref="SmtpSink"/> behaves as a relay: transport security, sign-in, and holding messages.</summary>
public sealed record SmtpSinkOptions
{
    /// <summary>Holds every message at DATA (the client waits, as on a slow relay) until the test releases it.</summary>
    public bool HoldEachMessage { get; init; }

    public SmtpSinkTls Tls { get; init; } = SmtpSinkTls.None;

    /// <summary>The server's certificate, required for <see cref="SmtpSinkTls.StartTls"/> and <see cref="SmtpSinkTls.Implicit"/>.</summary>
    public SmtpTestCertificate? Certificate { get; init; }

    /// <summary>When set, AUTH (PLAIN and LOGIN) is offered and required before MAIL, and only these credentials pass.</summary>
    public SmtpSinkLogin? Login { get; init; }

    /// <summary>
    /// Offers and takes AUTH on a connection without TLS, as a badly configured relay (or a machine in the middle that
    /// strips STARTTLS) would. Off: like aiosmtpd's default, AUTH only after STARTTLS.
    /// </summary>
    public bool AuthWithoutTls { get; init; }
}

public enum SmtpSinkTls
{
    /// <summary>Plain SMTP; STARTTLS is not offered.</summary>
    None,

    /// <summary>STARTTLS offered.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    Implicit,
}

/// <summary>The one user name and password the sink accepts.</summary>
public sealed record SmtpSinkLogin(string UserName, string Password);
