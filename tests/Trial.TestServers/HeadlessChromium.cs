using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trial.TestServers;

/// <summary>
/// Debian's /usr/bin/chromium, headless, in a fresh profile, driven over the Chrome DevTools Protocol (one page
/// WebSocket). Just enough to navigate, run script in the page and wait for a condition.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static bool Installed => File.Exists(Executable);

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("trial-chromium-").FullName;
        var info = new ProcessStartInfo(Executable,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        ])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start chromium.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        var port = await browser.DevToolsPortAsync();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        await browser.SendAsync("Page.enable", new JsonObject());
        return browser;
    }

    /// <summary>Chromium writes "DevTools listening on ws://127.0.0.1:PORT/..." to stderr once it is ready.</summary>
    private async Task<int> DevToolsPortAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "DevTools listening on ws://127.0.0.1:";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = line[(at + marker.Length)..];
                _ = Task.Run(async () => { while (await _process.StandardError.ReadLineAsync() is not null) { } });
                return int.Parse(rest[..rest.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("chromium exited before opening its DevTools port.");
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>Runs an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException("Script failed in the page: " + error.ToJsonString());
        }
        return result["result"]?["value"];
    }

    /// <summary>Polls a boolean expression until it holds (page loads are asynchronous); fails after 30 s.</summary>
    public async Task WaitForAsync(string condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if ((await EvaluateAsync($"!!({condition})"))?.GetValue<bool>() == true)
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // The page is between documents; try again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The page never satisfied: {condition}");
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!;
            if ((int?)reply["id"] == id)
            {
                return reply["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : reply["result"]!;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the folder is in /tmp.
        }
    }
}
