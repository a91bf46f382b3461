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
/// <see cref="SmtpSinkOptions"/> make it a relay with STARTTLS or SMTPS (a certificate made in the test) and with AUTH
/// that requires one user's password; each AUTH it receives is logged with whether it came over TLS.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Script = """
        import asyncio, email, email.header, json, ssl, sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        config = json.load(open(sys.argv[1], encoding='utf-8'))

        def encrypted(server):
            return server.transport is not None and server.transport.get_extra_info('ssl_object') is not None

        def append(log, record):
            # Written and flushed before the reply: whatever the client saw answered is in the log.
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
            log.flush()

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
                # auth_data, not login_data: reading login_data logs a deprecation line to stderr per message, which
                # nobody reads, so after ~1000 messages the full pipe blocked the sink.
                user = session.auth_data.login.decode() if session.auth_data is not None else None
                append(self.log, {"message_id": msg.get('Message-ID', ''), "to": envelope.rcpt_tos, "subject": subject,
                                  "language": msg.get('Content-Language', ''), "date": msg.get('Date', ''), "body": body,
                                  "auth_user": user, "tls": encrypted(server)})
                return '250 OK'

        class Credentials:
            def __init__(self, user, password, path):
                self.user, self.password = user, password
                self.log = open(path, 'a', encoding='utf-8')

            def __call__(self, server, session, envelope, mechanism, auth_data):
                user, password = auth_data.login.decode(), auth_data.password.decode()
                accepted = user == self.user and password == self.password
                append(self.log, {"user": user, "mechanism": mechanism, "tls": encrypted(server), "password": password, "accepted": accepted})
                # handled=False: aiosmtpd itself answers 535 to a refusal (its default leaves the client waiting).
                return AuthResult(success=accepted, handled=False, auth_data=auth_data)

        def context():
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.load_cert_chain(config['cert'], config['key'])
            return tls

        kwargs = {}
        if config['tls'] == 'starttls':
            kwargs['tls_context'] = context()
        elif config['tls'] == 'implicit':
            kwargs['ssl_context'] = context()
        if config.get('user') is not None:
            kwargs['authenticator'] = Credentials(config['user'], config['password'], config['auth_log'])
            kwargs['auth_required'] = True
        # aiosmtpd offers AUTH only after STARTTLS; on SMTPS the whole connection is TLS, so it may offer it at once.
        kwargs['auth_require_tls'] = not (config['auth_without_tls'] or config['tls'] == 'implicit')
        controller = Controller(Recorder(config['log'], config['hold']), hostname='127.0.0.1', port=config['port'], **kwargs)
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

    private string AuthLogFile => Path.Combine(_directory, "auth.jsonl");

    public static async Task<SmtpSink> StartAsync(CancellationToken cancellationToken = default) => await StartAsync(new SmtpSinkOptions(), cancellationToken);

    public static async Task<SmtpSink> StartAsync(bool holdEachMessage, CancellationToken cancellationToken = default) =>
        await StartAsync(new SmtpSinkOptions { HoldEachMessage = holdEachMessage }, cancellationToken);

    public static async Task<SmtpSink> StartAsync(SmtpSinkOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Tls != SmtpSinkTls.None && options.Certificate is null)
        {
            throw new ArgumentException("A TLS sink needs a certificate.", nameof(options));
        }
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
        var config = Path.Combine(directory, "sink.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["port"] = port,
            ["log"] = Path.Combine(directory, "messages.jsonl"),
            ["auth_log"] = Path.Combine(directory, "auth.jsonl"),
            ["hold"] = options.HoldEachMessage,
            ["tls"] = options.Tls.ToString().ToLowerInvariant(),
            ["cert"] = options.Certificate?.CertificateFile,
            ["key"] = options.Certificate?.KeyFile,
            ["user"] = options.Login?.UserName,
            ["password"] = options.Login?.Password,
            ["auth_without_tls"] = options.AuthWithoutTls,
        }), cancellationToken);
        var info = new ProcessStartInfo(python, [script, config])
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
    public IReadOnlyList<ReceivedMail> Messages() => ReadLog<ReceivedMail>(LogFile);

    /// <summary>Every AUTH the sink was sent so far (accepted or not), in order; with a password only when a Login is configured.</summary>
    public IReadOnlyList<SmtpAuthAttempt> AuthAttempts() => ReadLog<SmtpAuthAttempt>(AuthLogFile);

    private static List<T> ReadLog<T>(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            // A line still being written has no closing brace yet.
            if (line.EndsWith('}'))
            {
                entries.Add(JsonSerializer.Deserialize<T>(line)!);
            }
        }
        return entries;
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
