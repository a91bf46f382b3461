using System.Globalization;
using Npgsql;

namespace Trial.Enrollment.Bench;

/// <summary>
/// CPU seconds used by the PostgreSQL backends serving one database (Linux /proc/PID/stat of each backend that
/// pg_stat_activity lists for it). Unlike the machine's busy time, this is not inflated by other work on a shared
/// machine, so it tells how much of a randomisation's cost is on the server's side. Backends that end before the
/// second reading are not counted (the pool keeps them open during a run).
/// </summary>
internal static class PostgresCpu
{
    public static async Task<double> BackendSecondsAsync(string connectionString) =>
        (await BackendsAsync(connectionString)).Values.Sum();

    /// <summary>
    /// The CPU the backends use from now until <paramref name="stop"/> is cancelled, read every <paramref name="interval"/>,
    /// for clients whose backends end with them (the dispatch nodes): each backend counts up to its last reading, so up
    /// to one interval of a backend's work before it ended is missed. Backends open at the start (idle pooled
    /// connections of the benchmark's own host) count only what they use from then on.
    /// </summary>
    public static async Task<double> SampleSecondsAsync(string connectionString, TimeSpan interval, CancellationToken stop)
    {
        var first = await BackendsAsync(connectionString);
        var last = new Dictionary<int, double>(first);
        while (true)
        {
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return last.Sum(b => b.Value - first.GetValueOrDefault(b.Key));
            }
            foreach (var (pid, seconds) in await BackendsAsync(connectionString))
            {
                last[pid] = seconds;
            }
        }
    }

    private static async Task<Dictionary<int, double>> BackendsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var backends = new Dictionary<int, double>();
        while (await reader.ReadAsync())
        {
            backends[reader.GetInt32(0)] = ProcessSeconds(reader.GetInt32(0));
        }
        return backends;
    }

    private static double ProcessSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return 0; // another machine, or the backend has just ended
        }
        // Fields after the command name "(postgres)": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ = 100).
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
