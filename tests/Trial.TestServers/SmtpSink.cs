using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Trial.TestServers;

/// <summary>
/// A real SMTP server process on loopback (Python aiosmtpd, Debian package python3-aiosmtpd). Every message it
/// accepts is appended as one JSON line to a log before the server answers 250, so a message the client saw
/// accepted is always in <see cref="Messages"/>. Tests count deliveries by Message-ID.
/// Recipients whose address starts with "smtp550." or "smtp451." are refused at RCPT with that reply, so a test can
/// have a permanent or a transient rejection from a real server. Started with <c>holdEachMessage</c>, the sink holds
/// every message at DATA (the client waits, as on a slow relay) until the test calls <see cref="ReleaseOne"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Script = """
        import asyncio, email, email.header, json, sys, threading
        from aiosmtpd.controller import Controller

        class Recorder:
            def __init__(self, path, hold):
                self.log = open(path, 'a', encoding='utf-8')
                self.hold = hold

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                for code in ('550', '451'):
                    if address.startswith('smtp' + code + '.'):
                        return code + (' 5.1.1 mailbox unavailable' if code == '550' else ' 4.3.0 try again later')
                envelope.rcpt_tos.append(address)
                return '250 OK'

            async def handle_DATA(self, server, session, envelope):
                msg = email.message_from_bytes(envelope.content)
                if self.hold:
                    # A slow relay: the client is inside DATA until the test releases this message.
                    print("HELD " + msg.get('Message-ID', ''), flush=True)
                    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
                    if line.strip() == 'ALL':
                        self.hold = False
                part = next((p for p in msg.walk() if p.get_content_type() == 'text/plain'), None)
                body = part.get_payload(decode=True).decode(part.get_content_charset() or 'utf-8') if part else ""
                subject = str(email.header.make_header(email.header.decode_header(msg.get('Subject', ''))))
                record = {"message_id": msg.get('Message-ID', ''), "to": envelope.rcpt_tos, "subject": subject,
                          "language": msg.get('Content-Language', ''), "date": msg.get('Date', ''), "body": body}
                # Written and flushed before the 250 reply: whatever the client saw accepted is in the log.
                self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
                self.log.flush()
                return '250 OK'

        controller = Controller(Recorder(sys.argv[2], sys.argv[3] == 'hold'), hostname='127.0.0.1', port=int(sys.argv[1]))
        controller.start()
        print("READY", flush=True)
        threading.Event().wait()
        """;

    private readonly Process _process;
    private readonly string _directory;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    private string LogFile => Path.Combine(_directory, "messages.jsonl");

    public static async Task<SmtpSink> StartAsync(CancellationToken cancellationToken = default) => await StartAsync(holdEachMessage: false, cancellationToken);

    public static async Task<SmtpSink> StartAsync(bool holdEachMessage, CancellationToken cancellationToken = default)
    {
        var python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new InvalidOperationException("SmtpSink needs /usr/bin/python3 with the Debian package python3-aiosmtpd; ./test.sh installs it.");
        }
        var directory = Path.Combine(Path.GetTempPath(), "trial-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sink.py");
        await File.WriteAllTextAsync(script, Script, cancellationToken);
        var port = FreePort();
        var info = new ProcessStartInfo(python, [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(directory, "messages.jsonl"), holdEachMessage ? "hold" : "pass"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready != "READY")
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            throw new InvalidOperationException($"The SMTP sink did not start (is python3-aiosmtpd installed?): {error}");
        }
        return new SmtpSink(process, directory, port);
    }

    /// <summary>With holdEachMessage: waits until a client is inside DATA with a message, and returns its Message-ID.</summary>
    public async Task<string> WaitForHeldMessageAsync(CancellationToken cancellationToken = default)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        return line is not null && line.StartsWith("HELD ", StringComparison.Ordinal)
            ? line["HELD ".Length..]
            : throw new InvalidOperationException($"The SMTP sink said '{line}' instead of holding a message.");
    }

    /// <summary>With holdEachMessage: lets the oldest held message be accepted (250).</summary>
    public void ReleaseOne()
    {
        _process.StandardInput.WriteLine();
        _process.StandardInput.Flush();
    }

    /// <summary>With holdEachMessage: releases the held message, if any, and holds none from now on.</summary>
    public void ReleaseAll()
    {
        _process.StandardInput.WriteLine("ALL");
        _process.StandardInput.Flush();
    }

    /// <summary>Every message accepted so far, in order of acceptance, duplicates included.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var messages = new List<ReceivedMail>();
        while (reader.ReadLine() is { } line)
        {
            if (line.EndsWith('}'))
            {
                messages.Add(JsonSerializer.Deserialize<ReceivedMail>(line)!);
            }
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the folder is in /tmp.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
