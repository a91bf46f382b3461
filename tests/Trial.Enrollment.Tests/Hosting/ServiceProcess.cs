using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>The real service as a child process (`dotnet Trial.Enrollment.dll ...`) on PostgreSQL, for fault tests.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public string RecentOutput => string.Join('\n', _output.TakeLast(40));

    /// <summary>Everything kept of stdout and stderr (the last 200 lines).</summary>
    public string Output => string.Join('\n', _output);

    public static string[] PostgresArguments(string connectionString) =>
    [
        "--Trial:Database=Postgres", $"--Trial:ConnectionString={connectionString}", $"--Trial:ProtocolDirectory={RepositoryPaths.IpsProtocol}",
        $"--Trial:SeedKeyFile={SeedKeyFile}",
        // The same master key as the in-process nodes of the test, as every node of one database needs.
        $"--Trial:MasterKey={TrialTestApp.TestMasterKey}",
    ];

    /// <summary>One seed key for every test process, so a child service decrypts the seed the test app stored.</summary>
    public static readonly string SeedKeyFile = Path.Combine(Path.GetTempPath(), "trial-tests-allocation-seed.key");

    /// <summary>
    /// Starts `serve` and returns once it has printed "Trial service listening on URL", which it prints when the host
    /// has started (Kestrel bound, hosted services up). It used to poll /openapi/v1.json every 200 ms with a 2 s
    /// timeout: the document is the service's costliest answer on a cold start, and on a loaded machine every probe
    /// timed out and the next one started another generation beside it, so the service never answered within 90 s.
    /// </summary>
    /// <param name="settings">Extra configuration, as command-line arguments (--Trial:Key=value).</param>
    public static async Task<ServiceProcess> StartAsync(string connectionString, string[]? settings = null)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var listening = $"Trial service listening on {url.GetLeftPart(UriPartial.Authority)}";
        var service = new ServiceProcess(Start(["serve", "--urls", url.ToString(), .. PostgresArguments(connectionString), .. settings ?? []]), url);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service._process.OutputDataReceived += (_, e) =>
        {
            service.Keep(e.Data);
            if (e.Data?.StartsWith(listening, StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        service._process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        var exited = service._process.WaitForExitAsync();
        var first = await Task.WhenAny(started.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first == started.Task)
        {
            return service;
        }
        service.Dispose();
        throw first == exited
            ? new InvalidOperationException("The service exited on start:\n" + service.RecentOutput)
            : new TimeoutException("The service did not start:\n" + service.RecentOutput);
    }

    /// <summary>Runs a CLI verb to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Runs a CLI verb with extra environment variables (e.g. TRIAL_NEW_PASSWORD).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, string[] arguments)
    {
        using var process = Start(arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, open transactions die with the connections.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private static Process Start(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Trial.Enrollment.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the service.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
