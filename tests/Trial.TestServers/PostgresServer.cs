using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Trial.TestServers;

/// <summary>
/// A real PostgreSQL server for tests. Uses the cluster named by TRIAL_PG_CONNECTION (the test script starts one);
/// otherwise starts a throwaway cluster with initdb and pg_ctl on a free loopback port in a temporary folder,
/// and stops it when the test process exits. Every test creates its own database, so no test sees another's rows.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionVariable = "TRIAL_PG_CONNECTION";

    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>Connection string for the 'postgres' maintenance database, as superuser.</summary>
    public string AdminConnectionString { get; }

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{Sanitise(prefix)}_{Guid.NewGuid():N}"[..Math.Min(63, Sanitise(prefix).Length + 33)];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static string Sanitise(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return cleaned.Length > 28 ? cleaned[..28] : cleaned;
    }

    private static PostgresServer Start()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured);
        }
        var cluster = ThrowawayCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresServer(cluster.ConnectionString);
    }

    /// <summary>initdb + pg_ctl in a temporary folder; run as the 'postgres' user when we are root.</summary>
    private sealed class ThrowawayCluster
    {
        private readonly string _binDir;
        private readonly string _dataDir;
        private readonly string _root;

        private ThrowawayCluster(string binDir, string root, int port)
        {
            _binDir = binDir;
            _root = root;
            _dataDir = Path.Combine(root, "data");
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200;Timeout=30;Command Timeout=120";
        }

        public string ConnectionString { get; }

        public static ThrowawayCluster Start()
        {
            var binDir = FindBinDir();
            var root = Path.Combine(Path.GetTempPath(), "trial-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            var port = FreePort();
            var cluster = new ThrowawayCluster(binDir, root, port);
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                Run("chown", ["postgres:postgres", root], asPostgres: false);
            }
            Run(Path.Combine(binDir, "initdb"), ["-D", cluster._dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot);
            Run(Path.Combine(binDir, "pg_ctl"),
                ["-D", cluster._dataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                 $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB",
                 "start"],
                asRoot);
            return cluster;
        }

        public void Stop()
        {
            try
            {
                Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
                Directory.Delete(_root, recursive: true);
            }
            catch (Exception)
            {
                // Best effort at process exit; the folder is in /tmp.
            }
        }

        private static string FindBinDir()
        {
            var versions = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).ToArray()
                : [];
            foreach (var version in versions)
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb")))
                {
                    return Path.Combine(version, "bin");
                }
            }
            throw new InvalidOperationException(
                "PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. Run ./test.sh, which installs it, " +
                $"or set {ConnectionVariable} to a server you own.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static void Run(string file, string[] arguments, bool asPostgres)
        {
            var info = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments]) : new ProcessStartInfo(file, arguments);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.WorkingDirectory = Path.GetTempPath();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
            }
        }
    }
}
