using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Hosting;

namespace Trial.Followup.Bench;

/// <summary>A dispatch node running as a child process (this assembly's `node` command), which can be SIGKILLed.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;

    public static NodeProcess Start(FollowupDatabase database, string connectionString, string protocolDirectory, int smtpPort, string smsDirectory, Instant at, string nodeId, int workers)
    {
        var assembly = typeof(NodeProcess).Assembly.Location;
        return Start(assembly,
        [
            "node",
            "--database", database.ToString(),
            "--connection", connectionString,
            "--protocol", protocolDirectory,
            "--smtp-port", smtpPort.ToString(CultureInfo.InvariantCulture),
            "--sms-dir", smsDirectory,
            "--at", InstantPattern.ExtendedIso.Format(at),
            "--node-id", nodeId,
            "--workers", workers.ToString(CultureInfo.InvariantCulture),
        ], nodeId);
    }

    /// <summary>Any assembly's node command (the Enrollment benchmark runs production-built nodes this way).</summary>
    public static NodeProcess Start(string assembly, IEnumerable<string> arguments, string nodeId)
    {
        var info = new ProcessStartInfo("dotnet", [assembly, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start a dispatch node.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[{nodeId}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process);
    }

    /// <summary>SIGKILL: no finally blocks, no rollback sent; the server notices the dropped connection.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
