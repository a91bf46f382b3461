using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Testing;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Scheduling;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;
using Trial.TestServers;

namespace Trial.Followup.Bench;

/// <summary>
/// Schedules N participants on PostgreSQL, opens one day's occasions, then has two dispatch nodes (child processes)
/// send them through the outbox to a real SMTP server on loopback, and counts duplicates and losses by Message-ID.
/// </summary>
internal static class BenchmarkCommand
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> args)
    {
        var participants = int.Parse(args.GetValueOrDefault("participants", "100000"), CultureInfo.InvariantCulture);
        var perDay = int.Parse(args.GetValueOrDefault("due", "5000"), CultureInfo.InvariantCulture);
        var workers = int.Parse(args.GetValueOrDefault("workers", "4"), CultureInfo.InvariantCulture);
        var root = RepositoryRoot();
        var output = args.GetValueOrDefault("out", Path.Combine(root, "bench", "results", "followup.md"));
        var protocolDirectory = Path.Combine(root, "protocol", "ips-norway");
        var protocol = FollowupProtocolLoader.LoadFromDirectory(protocolDirectory);

        Console.WriteLine("followup bench: starting PostgreSQL and the SMTP sink");
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("followup_bench");
        await FollowupSchema.UpgradeAsync(FollowupDatabase.Postgres, connectionString, CancellationToken.None);
        var store = new FollowupStore(FollowupSqlDialect.For(FollowupDatabase.Postgres), connectionString);
        await using var sink = await SmtpSink.StartAsync();

        // Anchors: perDay participants randomised on each of consecutive days from 2013-10-01.
        var firstAnchor = new LocalDate(2013, 10, 1);
        var clock = new FakeClock(Instant.FromUtc(2013, 12, 1, 12, 0));
        var contact = new FollowupContact(store, protocol, clock);
        var scheduling = Stopwatch.StartNew();
        var scheduled = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, (participants + 999) / 1000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            await using var connection = await store.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            for (var i = batch * 1000; i < Math.Min(participants, (batch + 1) * 1000); i++)
            {
                var request = new ScheduleRequest(ParticipantRef.From(Guid.NewGuid()), firstAnchor.PlusDays(i / perDay), Oslo, i % 5 == 0 ? "en" : "nb-NO", "sha256:bench", "oslo", i % 3 == 0 ? "control" : "ips");
                await contact.ScheduleAsync(request, tx, ct);
            }
            await tx.CommitAsync(ct);
            var done = Interlocked.Add(ref scheduled, 1000);
            if (done % 10000 == 0)
            {
                Console.WriteLine($"  scheduled {done:N0}/{participants:N0}");
            }
        });
        scheduling.Stop();

        // The first anchor day's 6-month occasions open on one day; the open job runs at 10:00 Oslo time.
        var openDay = protocol.Occasions[0].DueOn(firstAnchor).Minus(protocol.Occasions[0].OpensBefore);
        var at = openDay.At(new LocalTime(10, 0)).InZoneStrictly(Oslo).ToInstant();
        clock.Reset(at);
        var opening = Stopwatch.StartNew();
        var opened = await new OccasionSweep(store, protocol, clock).OpenDueAsync(CancellationToken.None);
        opening.Stop();
        Console.WriteLine($"followup bench: {opened:N0} occasions opened on {openDay}; dispatching with two nodes");

        var smsDirectory = Path.Combine(Path.GetTempPath(), "followup-bench-sms-" + Guid.NewGuid().ToString("N"));
        var dispatch = Stopwatch.StartNew();
        await using (var nodeA = NodeProcess.Start(FollowupDatabase.Postgres, connectionString, protocolDirectory, sink.Port, smsDirectory, at, "node-a", workers))
        await using (var nodeB = NodeProcess.Start(FollowupDatabase.Postgres, connectionString, protocolDirectory, sink.Port, smsDirectory, at, "node-b", workers))
        {
            var exits = await Task.WhenAll(nodeA.WaitAsync(TimeSpan.FromMinutes(10)), nodeB.WaitAsync(TimeSpan.FromMinutes(10)));
            if (exits.Any(e => e != 0))
            {
                Console.Error.WriteLine($"followup bench: a node failed ({string.Join(", ", exits)})");
                return 1;
            }
        }
        dispatch.Stop();

        var audit = await DeliveryAudit.RunAsync(connectionString, sink);
        var smsFiles = Directory.Exists(smsDirectory) ? Directory.GetFiles(smsDirectory).Length : 0;
        var split = await SentByNodeAsync(store);
        var pending = await ScalarAsync(store, "SELECT count(*) FROM followup.outbox WHERE state = 'pending'");
        var pgVersion = await ScalarTextAsync(store, "SHOW server_version");
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        var report = new StringBuilder()
            .AppendLine("# Follow-up benchmark: scheduling and two-node outbox dispatch")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Trial.Followup.Bench -- --participants {participants} --due {perDay} --workers {workers}`")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores (shared), PostgreSQL {pgVersion} (throwaway cluster, fsync off), SMTP sink: Python aiosmtpd on loopback")
            .AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) when the run ended: {load} — the cores are shared with other builds and test runs.")
            .AppendLine()
            .AppendLine("| Step | Figure |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Participants scheduled (2 occasions each, 4 parallel transactions of 1,000) | {participants:N0} in {scheduling.Elapsed.TotalSeconds:F1} s ({participants / scheduling.Elapsed.TotalSeconds:N0}/s) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Occasions opened on {openDay} by the open job (invitation rows: e-mail + SMS) | {opened:N0} in {opening.Elapsed.TotalSeconds:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Two nodes × {workers} workers: wall time to dispatch all due rows (incl. process start) | {dispatch.Elapsed.TotalSeconds:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| E-mails expected / accepted by the SMTP sink / distinct Message-IDs | {audit.Expected:N0} / {audit.Accepted:N0} / {audit.Distinct:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| **Duplicates** (accepted − distinct) | **{audit.Duplicates}** |")
            .AppendLine(CultureInfo.InvariantCulture, $"| **Losses** (expected Message-IDs never accepted) | **{audit.Losses}** |")
            .AppendLine(CultureInfo.InvariantCulture, $"| SMS files written (default file channel) | {smsFiles:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Outbox rows still pending | {pending} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Rows sent per node | {string.Join(", ", split.Select(s => $"{s.Key}: {s.Value:N0}"))} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Goal: zero duplicates, zero losses, dispatch within 60 s — {(audit.Duplicates == 0 && audit.Losses == 0 && audit.Foreign == 0 && dispatch.Elapsed.TotalSeconds <= 60 ? "met" : "NOT met")}.");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report.ToString());
        Console.WriteLine($"followup bench: written to {output}");
        return audit.Duplicates == 0 && audit.Losses == 0 && audit.Foreign == 0 ? 0 : 2;
    }

    private static async Task<SortedDictionary<string, long>> SentByNodeAsync(FollowupStore store)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = SqlStatement.Create(connection, "SELECT sent_by, count(*) FROM followup.outbox WHERE state = 'sent' GROUP BY sent_by");
        await using var reader = await command.ExecuteReaderAsync();
        var split = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            split[reader.GetString(0)] = reader.GetInt64(1);
        }
        return split;
    }

    private static async Task<long> ScalarAsync(FollowupStore store, string sql) => Convert.ToInt64(await ScalarObjectAsync(store, sql), CultureInfo.InvariantCulture);

    private static async Task<string> ScalarTextAsync(FollowupStore store, string sql) => Convert.ToString(await ScalarObjectAsync(store, sql), CultureInfo.InvariantCulture) ?? "";

    private static async Task<object?> ScalarObjectAsync(FollowupStore store, string sql)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = SqlStatement.Create(connection, sql);
        return await command.ExecuteScalarAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trial.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
