using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using NodaTime;
using Trial.Followup.Hosting;

namespace Trial.Followup.Channels;

/// <summary>
/// E-mail through an SMTP relay with MailKit. Each session keeps one connection open for many messages. A failed
/// message becomes a <see cref="DeliveryFailedException"/> with a code the outbox can store and a verdict on whether a
/// retry can help; the connection is then dropped so the next message starts on a fresh one.
/// </summary>
internal sealed class SmtpEmailChannel(SmtpSettings settings) : IEmailChannel
{
    private readonly X509Certificate2? _anchor = SmtpCertificateTrust.LoadAnchor(settings.TrustedCertificateFile);

    public async Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var trust = new SmtpCertificateTrust(_anchor);
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds, ServerCertificateValidationCallback = trust.Validate };
        try
        {
            // No Nagle: each SMTP command is small and waits for its reply, so delayed ACKs would stall every message.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
            try
            {
                await client.ConnectAsync(socket, settings.Host, settings.Port, Secure(settings.Tls), cancellationToken);
            }
            catch (NotSupportedException e) when (settings.Tls == SmtpTlsMode.StartTls)
            {
                throw new DeliveryFailedException("smtp-no-starttls", permanent: false,
                    $"The relay {settings.Host}:{settings.Port} does not offer STARTTLS, which Tls=StartTls requires; nothing was sent.", e);
            }
            if (settings.HasCredentials)
            {
                // MailKit would send PLAIN or LOGIN over a connection without TLS (StartTlsWhenAvailable against a relay
                // that does not offer STARTTLS, or whose offer was stripped on the way): the password would cross in clear.
                if (!client.IsSecure && !settings.AllowPlainTextAuth)
                {
                    throw new DeliveryFailedException("smtp-auth-needs-tls", permanent: false,
                        $"The relay {settings.Host}:{settings.Port} offered no TLS, so the password was not sent and e-mail waits. Have the relay offer STARTTLS "
                        + "(or use Tls=SslOnConnect), or set Trial:Smtp:AllowPlainTextAuth=true only for a relay on this host or a trusted network.");
                }
                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    throw new DeliveryFailedException("smtp-no-auth", permanent: false,
                        $"The relay {settings.Host}:{settings.Port} offers no sign-in (AUTH) on this connection, but Trial:Smtp:UserName is configured.");
                }
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            throw Classify(e, settings, trust.Refusal);
        }
        return new Session(client, settings);
    }

    private static SecureSocketOptions Secure(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown SMTP TLS mode."),
    };

    /// <summary>5xx replies and unparsable addresses cannot succeed on a retry; everything else might.</summary>
    private static DeliveryFailedException Classify(Exception e, SmtpSettings settings, string? certificateRefusal = null) => e switch
    {
        DeliveryFailedException failed => failed,
        ParseException => new("address-invalid", permanent: true, "The recipient address cannot be parsed.", e),
        SmtpCommandException command => new($"smtp-{(int)command.StatusCode}", permanent: (int)command.StatusCode >= 500,
            $"The relay answered {(int)command.StatusCode} to {command.ErrorCode}.", e),
        AuthenticationException => new("smtp-auth", permanent: false, $"The relay {settings.Host}:{settings.Port} refused the configured user name and password.", e),
        SslHandshakeException when certificateRefusal is not null => new("smtp-tls-untrusted", permanent: false,
            $"TLS with the relay {settings.Host}:{settings.Port} was refused: {certificateRefusal}.", e),
        SslHandshakeException => new("smtp-tls", permanent: false, $"TLS with the relay {settings.Host}:{settings.Port} could not be set up ({e.Message}).", e),
        _ => new("transport", permanent: false, $"The relay {settings.Host}:{settings.Port} could not be reached or dropped the connection ({e.GetType().Name}).", e),
    };

    private sealed class Session(SmtpClient client, SmtpSettings settings) : IEmailSession
    {
        public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            try
            {
                using var message = new MimeMessage
                {
                    MessageId = email.MessageId,
                    Subject = email.Subject,
                    Body = new TextPart("plain") { Text = email.Body },
                };
                if (email.Date is { } date)
                {
                    message.Date = date.ToDateTimeOffset();
                }
                message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
                message.To.Add(Recipient(email.To));
                message.Headers.Add(HeaderId.ContentLanguage, email.Language);
                if (!client.IsConnected)
                {
                    throw new DeliveryFailedException("transport", permanent: false, "The connection to the relay was lost.");
                }
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The dispatcher drops this session after a failure and opens a fresh one for the next message.
                throw Classify(e, settings);
            }
        }

        /// <summary>Exactly one plain mailbox: "kari nordmann@example.org" must not become a display name plus a guess.</summary>
        private static MailboxAddress Recipient(string to)
        {
            if (!MailboxAddress.TryParse(ParserOptions.Default, to, out var mailbox) || mailbox.Address != to.Trim() || !mailbox.Address.Contains('@', StringComparison.Ordinal))
            {
                throw new DeliveryFailedException("address-invalid", permanent: true, "The recipient address is not one plain e-mail address.");
            }
            return mailbox;
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpProtocolException or OperationCanceledException)
                {
                    // The relay went away first; nothing left to close politely.
                }
            }
            client.Dispose();
        }
    }
}
