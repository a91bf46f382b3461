using System.Globalization;
using System.Text;
using Trial.Enrollment.Bench;
using Trial.TestServers;

// Randomisations per second at 1, 8 and 32 concurrent clients against PostgreSQL, beside pgbench -N on the same cluster.
// Usage: dotnet run -c Release --project bench/Trial.Enrollment.Bench [-- --out bench/results/enrollment.md --participants 1200 --seconds 15]
var output = Option("--out") ?? Path.Combine(FindRoot(), "bench", "results", "enrollment.md");
var participants = int.Parse(Option("--participants") ?? "1200", CultureInfo.InvariantCulture);
var seconds = int.Parse(Option("--seconds") ?? "15", CultureInfo.InvariantCulture);
int[] clientCounts = [1, 8, 32];

var server = PostgresServer.Instance;
var results = new List<RandomisationLoad.Result>();
foreach (var clients in clientCounts)
{
    var connection = await server.CreateDatabaseAsync($"bench_enrol_{clients}");
    var result = await RandomisationLoad.RunAsync(connection, clients, clients == 1 ? Math.Min(participants, 300) : participants, Console.Error);
    Console.Error.WriteLine($"  {clients} clients: {result.PerSecond:F0} randomisations/s, {result.Duplicates} duplicates, {result.Gaps} gaps");
    results.Add(result);
}
var pgbench = new Dictionary<int, double>();
foreach (var clients in clientCounts)
{
    pgbench[clients] = await PgbenchBaseline.RunAsync(await server.CreateDatabaseAsync($"bench_pgbench_{clients}"), clients, seconds);
    Console.Error.WriteLine($"  pgbench -N -c {clients}: {pgbench[clients]:F0} tps");
}

var report = new StringBuilder();
report.AppendLine("# Enrollment benchmark: randomisations per second on PostgreSQL");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores; cluster: {(Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable) is null ? "throwaway initdb cluster (fsync off, synchronous_commit off)" : "TRIAL_PG_CONNECTION")}.");
report.AppendLine("Each randomisation is one transaction through the service's handler (no HTTP): participant row lock, stratum counter");
report.AppendLine("UPDATE … RETURNING (row lock until commit), allocation insert (unique participant/key/slot), state update, follow-up");
report.AppendLine("schedule (Trial.Followup, same transaction), hash-chained audit entry. 6 strata (centres), participants spread evenly.");
report.AppendLine("pgbench runs the built-in simple-update script (`pgbench -N`, scale 10) on the same cluster in the same run.");
report.AppendLine();
report.AppendLine("| clients | randomisations | seconds | randomisations/s | pgbench -N tps | ratio | duplicates | lost/skipped |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Clients} | {r.Randomisations} | {r.Seconds:F1} | {r.PerSecond:F0} | {pgbench[r.Clients]:F0} | {r.PerSecond / pgbench[r.Clients]:P0} | {r.Duplicates} | {r.Gaps} |");
}
var at32 = results.Single(r => r.Clients == 32);
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture,
    $"Goal (≥ half of pgbench at 32 clients, zero duplicates or lost): **{(at32.PerSecond >= pgbench[32] / 2 && at32.Duplicates == 0 && at32.Gaps == 0 ? "met" : "not met")}**.");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);
return at32.Duplicates == 0 && at32.Gaps == 0 ? 0 : 1;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Trial.sln")))
    {
        directory = directory.Parent;
    }
    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
