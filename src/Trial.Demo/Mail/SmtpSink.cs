using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Trial.Demo.Mail;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message, keeps it as an .eml file and hands it to the
/// simulated participants' inboxes. It speaks just enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA with dot
/// unstuffing, RSET, NOOP, QUIT) for the service's real SMTP channel (MailKit), so a fresh clone needs no mail server.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder;
    private readonly Task _accepting;
    private int _count;

    public SmtpSink(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Messages received and not yet read by a participant: recipient address and plain-text body.</summary>
    public ConcurrentQueue<(string To, string Body)> Received { get; } = new();

    public int Count => Volatile.Read(ref _count);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 8192, leaveOpen: true);
        await using var writer = new StreamWriter(stream, Encoding.Latin1, 8192, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await writer.WriteLineAsync("220 trial-demo SMTP sink");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-trial-demo");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        await ReceiveAsync(reader);
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the sink is stopping; nothing was half-stored.
        }
    }

    private async Task ReceiveAsync(StreamReader reader)
    {
        var raw = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            raw.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }
        var bytes = Encoding.Latin1.GetBytes(raw.ToString());
        var number = Interlocked.Increment(ref _count);
        await File.WriteAllBytesAsync(Path.Combine(_folder, $"{number:000000}.eml"), bytes, _stop.Token);
        using var message = await MimeMessage.LoadAsync(new MemoryStream(bytes), _stop.Token);
        foreach (var to in message.To.Mailboxes)
        {
            Received.Enqueue((to.Address, message.TextBody ?? ""));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
