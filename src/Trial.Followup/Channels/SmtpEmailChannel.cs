using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Trial.Followup.Hosting;

namespace Trial.Followup.Channels;

/// <summary>E-mail through an SMTP relay with MailKit. Each session keeps one connection open for many messages.</summary>
internal sealed class SmtpEmailChannel(SmtpSettings settings) : IEmailChannel
{
    public async Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        // No Nagle: each SMTP command is small and waits for its reply, so delayed ACKs would stall every message.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        await client.ConnectAsync(socket, settings.Host, settings.Port, SecureSocketOptions.None, cancellationToken);
        return new Session(client, settings);
    }

    private sealed class Session(SmtpClient client, SmtpSettings settings) : IEmailSession
    {
        public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            using var message = new MimeMessage
            {
                MessageId = email.MessageId,
                Subject = email.Subject,
                Body = new TextPart("plain") { Text = email.Body },
            };
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
            message.To.Add(MailboxAddress.Parse(email.To));
            message.Headers.Add(HeaderId.ContentLanguage, email.Language);
            await client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
            client.Dispose();
        }
    }
}
