using System.Net.Mail;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Hosting;

/// <summary>
/// The "Trial:Smtp" section: the relay invitations and reminders go through. Without a Host, no e-mail is sent: it is
/// held, shown on the coordinator's follow-up page and in /api/followup/centres/{centre}/undelivered-messages, and
/// goes out once a relay is configured. The password is best given as the environment variable Trial__Smtp__Password.
/// </summary>
public sealed record TrialSmtpOptions
{
    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>None, StartTlsWhenAvailable (default), StartTls or SslOnConnect.</summary>
    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTlsWhenAvailable;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string FromAddress { get; init; } = "noreply@example.org";

    public string FromName { get; init; } = "IPS-studien";

    /// <summary>Seconds one SMTP command may take before the send counts as failed and is retried later.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>The relay settings, or null when no Host is configured; a setting that cannot work stops the start with its name and rule.</summary>
    public SmtpSettings? ToSettings()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            return null;
        }
        Require(Port is > 0 and <= 65535, "Trial:Smtp:Port", "must be a TCP port between 1 and 65535");
        Require(Enum.IsDefined(Tls), "Trial:Smtp:Tls", "must be None, StartTlsWhenAvailable, StartTls or SslOnConnect");
        Require(TimeoutSeconds is > 0 and <= 600, "Trial:Smtp:TimeoutSeconds", "must be between 1 and 600");
        Require(MailAddress.TryCreate(FromAddress, out var from) && from.Address == FromAddress.Trim() && string.IsNullOrEmpty(from.DisplayName),
            "Trial:Smtp:FromAddress", "must be one plain e-mail address");
        Require(string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(UserName), "Trial:Smtp:UserName", "is required when a password is given");
        return new SmtpSettings(Host.Trim(), Port, FromAddress.Trim(), FromName)
        {
            Tls = Tls,
            UserName = string.IsNullOrEmpty(UserName) ? null : UserName,
            Password = Password,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        };
    }

    private static void Require(bool condition, string setting, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{setting} {rule}.");
        }
    }
}
