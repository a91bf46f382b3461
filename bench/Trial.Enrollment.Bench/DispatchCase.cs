using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Followup.Bench;
using Trial.Followup.Contact;
using Trial.Followup.Scheduling;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;
using Trial.TestServers;

namespace Trial.Enrollment.Bench;

/// <summary>
/// Case D: N participants in the identity store and scheduled in Follow-up on PostgreSQL; one day's occasions open;
/// two production-built dispatch nodes (<see cref="DispatchNode"/>: one identity lookup and one link insert per message)
/// send them to a real SMTP server on loopback; duplicates and losses counted by Message-ID.
/// </summary>
internal static class DispatchCase
{
    private const double GoalSeconds = 30;
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> args, string root)
    {
        var participants = int.Parse(args.GetValueOrDefault("participants", "100000"), CultureInfo.InvariantCulture);
        var perDay = int.Parse(args.GetValueOrDefault("due", "5000"), CultureInfo.InvariantCulture);
        var workers = int.Parse(args.GetValueOrDefault("workers", "4"), CultureInfo.InvariantCulture);
        var output = args.GetValueOrDefault("out", Path.Combine(root, "bench", "results", "followup.md"));
        var loadBefore = MachineCpu.LoadAverage();

        Console.WriteLine("dispatch bench: starting PostgreSQL and the SMTP sink");
        // Declared first, so disposed last: dropped after the host and the sink have closed, however the run ends.
        await using var database = await BenchDatabase.CreateAsync("bench_dispatch");
        var connectionString = database.ConnectionString;
        var dataDirectory = Directory.CreateTempSubdirectory("dispatch-bench-").FullName;
        await using var app = TrialHost.Build(DispatchNode.HostArguments(connectionString, dataDirectory));
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<FollowupStore>();
        var protocol = app.Services.GetRequiredService<FollowupProtocol>();
        var contact = app.Services.GetRequiredService<IFollowupContact>();
        await using var sink = await SmtpSink.StartAsync();

        // Participants in the identity store (as screening writes them) and scheduled (as randomisation schedules them):
        // perDay randomised on each of consecutive days from 2013-10-01.
        var firstAnchor = new LocalDate(2013, 10, 1);
        var seeding = Stopwatch.StartNew();
        var seeded = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, (participants + 999) / 1000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var people = Enumerable.Range(batch * 1000, Math.Min(participants, (batch + 1) * 1000) - batch * 1000)
                .Select(i => (Index: i, Id: Guid.NewGuid())).ToList();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
                // Sealed by the production vault, as screening stores them: the nodes open each person's key to send.
                var vault = scope.ServiceProvider.GetRequiredService<PersonVault>();
                foreach (var p in people)
                {
                    var (person, key) = vault.Seal(new PersonIdentity(p.Id, p.Index.ToString("D11", CultureInfo.InvariantCulture), $"Bench {p.Index}",
                        "+4740000000", $"{p.Id}@participants.test", p.Index % 5 == 0 ? "en" : "nb-NO"));
                    identities.Persons.Add(person);
                    identities.PersonKeys.Add(key);
                }
                await identities.SaveChangesAsync(ct);
            }
            await using var connection = await store.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var (i, id) in people)
            {
                await contact.ScheduleAsync(new ScheduleRequest(ParticipantRef.From(id), firstAnchor.PlusDays(i / perDay), Oslo,
                    i % 5 == 0 ? "en" : "nb-NO", "sha256:bench", "oslo", i % 3 == 0 ? "control" : "ips"), tx, ct);
            }
            await tx.CommitAsync(ct);
            var done = Interlocked.Add(ref seeded, people.Count);
            if (done % 10000 < 1000)
            {
                Console.WriteLine($"  seeded {done:N0}/{participants:N0}");
            }
        });
        seeding.Stop();

        // The first anchor day's first occasions open on one day; the open job runs at 10:00 Oslo time.
        var openDay = protocol.Occasions[0].DueOn(firstAnchor).Minus(protocol.Occasions[0].OpensBefore);
        var at = openDay.At(new LocalTime(10, 0)).InZoneStrictly(Oslo).ToInstant();
        var opening = Stopwatch.StartNew();
        var opened = await new OccasionSweep(store, protocol, new FakeClock(at)).OpenDueAsync(CancellationToken.None);
        opening.Stop();
        await app.StopAsync();
        Console.WriteLine($"dispatch bench: {opened:N0} occasions opened on {openDay}; dispatching with two production-built nodes");

        var smsDirectory = Path.Combine(dataDirectory, "sms");
        var assembly = typeof(DispatchCase).Assembly.Location;
        string[] NodeArguments(string nodeId) =>
        [
            "dispatch-node", "--connection", connectionString, "--data-dir", dataDirectory, "--smtp-port", sink.Port.ToString(CultureInfo.InvariantCulture),
            "--sms-dir", smsDirectory, "--at", InstantPattern.ExtendedIso.Format(at), "--node-id", nodeId, "--workers", workers.ToString(CultureInfo.InvariantCulture),
        ];
        var machineBefore = MachineCpu.BusySeconds();
        using var sampling = new CancellationTokenSource();
        // Only the nodes' backends: the benchmark host's own connections were closed with it above.
        var postgresCpu = PostgresCpu.SampleSecondsAsync(connectionString, TimeSpan.FromMilliseconds(200), sampling.Token);
        var dispatch = Stopwatch.StartNew();
        await using (var nodeA = NodeProcess.Start(assembly, NodeArguments("node-a"), "node-a"))
        await using (var nodeB = NodeProcess.Start(assembly, NodeArguments("node-b"), "node-b"))
        {
            var exits = await Task.WhenAll(nodeA.WaitAsync(TimeSpan.FromMinutes(10)), nodeB.WaitAsync(TimeSpan.FromMinutes(10)));
            if (exits.Any(e => e != 0))
            {
                Console.Error.WriteLine($"dispatch bench: a node failed ({string.Join(", ", exits)})");
                return 1;
            }
        }
        dispatch.Stop();
        var machineCpu = MachineCpu.BusySeconds() - machineBefore;
        await sampling.CancelAsync();
        var serverCpu = await postgresCpu;
        var nodeCpu = Directory.GetFiles(dataDirectory, "cpu-*.txt").Sum(f => double.Parse(File.ReadAllText(f), CultureInfo.InvariantCulture));

        var audit = await DeliveryAudit.RunAsync(connectionString, sink);
        var smsFiles = Directory.Exists(smsDirectory) ? Directory.GetFiles(smsDirectory).Length : 0;
        var links = await ScalarAsync(store, "SELECT count(*) FROM followup.questionnaire_link");
        var pending = await ScalarAsync(store, "SELECT count(*) FROM followup.outbox WHERE state = 'pending'");
        var seconds = dispatch.Elapsed.TotalSeconds;
        var correct = audit.Duplicates == 0 && audit.Losses == 0 && audit.Foreign == 0 && pending == 0;

        var report = new StringBuilder()
            .AppendLine("# Case D: two-node dispatch with the production contact directory and link issuer")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Trial.Enrollment.Bench -- dispatch --participants {participants} --due {perDay} --workers {workers}`")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; PostgreSQL: {(Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable) is null ? "throwaway initdb cluster (fsync off)" : "TRIAL_PG_CONNECTION")}; SMTP sink: aiosmtpd on loopback.")
            .AppendLine("Each node is Enrollment's own host (TrialHost): per message one identity-store lookup (IdentityContactDirectory) and one")
            .AppendLine("questionnaire-link insert (QuestionnaireLinks): the link in the claim transaction, the lookup after it, outside any transaction; only the clock and the channels are the benchmark's.")
            .AppendLine()
            .AppendLine("| Step | Figure |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Participants in the identity store and scheduled (4 parallel transactions of 1,000) | {participants:N0} in {seeding.Elapsed.TotalSeconds:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Occasions opened on {openDay} by the open job (invitation rows: e-mail + SMS) | {opened:N0} in {opening.Elapsed.TotalSeconds:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| **Two nodes × {workers} workers: wall time to dispatch every due row (incl. process start)** | **{seconds:F1} s** |")
            .AppendLine(CultureInfo.InvariantCulture, $"| CPU during dispatch: both nodes / their PostgreSQL backends (read every 0.2 s) / whole machine (adds the SMTP sink, anything else) | {nodeCpu:F1} s / {serverCpu:F1} s / {machineCpu:F1} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| CPU per message (e-mail or SMS): nodes / PostgreSQL | {nodeCpu * 1000 / (2.0 * opened):F2} ms / {serverCpu * 1000 / (2.0 * opened):F2} ms |")
            .AppendLine(CultureInfo.InvariantCulture, $"| E-mails expected / accepted by the SMTP sink / distinct Message-IDs | {audit.Expected:N0} / {audit.Accepted:N0} / {audit.Distinct:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Questionnaire links issued (rows) | {links:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Duplicates / losses / foreign Message-IDs / rows still pending | {audit.Duplicates} / {audit.Losses} / {audit.Foreign} / {pending} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| SMS files written (file channel) | {smsFiles:N0} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Goal (dispatch under {GoalSeconds:F0} s, no duplicate, no loss): **{(correct && seconds < GoalSeconds ? "met" : "not met")}**.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"1-minute load average: {loadBefore} at the start, {MachineCpu.LoadAverage()} at the end (figures are only trustworthy near 0).");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report.ToString());
        Directory.Delete(dataDirectory, recursive: true);
        return correct ? 0 : 2;
    }

    private static async Task<long> ScalarAsync(FollowupStore store, string sql)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = SqlStatement.Create(connection, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
