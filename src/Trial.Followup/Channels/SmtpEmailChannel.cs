using System.Net.Sockets;
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
    public async Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            // No Nagle: each SMTP command is small and waits for its reply, so delayed ACKs would stall every message.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
            await client.ConnectAsync(socket, settings.Host, settings.Port, Secure(settings.Tls), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            throw Classify(e);
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
    private static DeliveryFailedException Classify(Exception e) => e switch
    {
        DeliveryFailedException failed => failed,
        ParseException => new("address-invalid", permanent: true, "The recipient address cannot be parsed.", e),
        SmtpCommandException command => new($"smtp-{(int)command.StatusCode}", permanent: (int)command.StatusCode >= 500,
            $"The relay answered {(int)command.StatusCode} to {command.ErrorCode}.", e),
        AuthenticationException => new("smtp-auth", permanent: false, "The relay refused the configured credentials.", e),
        _ => new("transport", permanent: false, $"The relay could not be reached or dropped the connection ({e.GetType().Name}).", e),
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
                throw Classify(e);
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
