using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Trial.Enrollment.Bench;

/// <summary>pgbench's simple-update script (-N) on the same cluster: the ceiling for one-row-update transactions.</summary>
internal static partial class PgbenchBaseline
{
    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    public static async Task<double> RunAsync(string connectionString, int clients, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var arguments = new[] { "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username ?? "postgres" };
        await RunPgbenchAsync([.. arguments, "-i", "-q", "-s", "10", builder.Database!]);
        var output = await RunPgbenchAsync([.. arguments, "-N", "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(clients, 4).ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture), builder.Database!]);
        var match = Tps().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("pgbench: " + output);
    }

    private static async Task<string> RunPgbenchAsync(string[] arguments)
    {
        var info = new ProcessStartInfo("pgbench", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGPASSWORD")))
        {
            info.Environment["PGPASSWORD"] = Environment.GetEnvironmentVariable("PGPASSWORD");
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pgbench is not installed (apt-get install postgresql-contrib / postgresql).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await stdout + stderr : throw new InvalidOperationException($"pgbench failed: {stderr}");
    }
}
