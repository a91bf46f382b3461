using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Bench;

/// <summary>
/// Randomisations per second through the service's own handler (transaction, row locks, follow-up schedule, audit
/// entry), without HTTP, at a given number of concurrent clients. Afterwards the database is checked for duplicate
/// or skipped slots.
/// </summary>
internal static class RandomisationLoad
{
    private static readonly string[] Centres = ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"];
    private static readonly StaffUser Manager = new("bench", StaffRole.TrialManager, OrganisationCode.Parse("trial-office"),
        Centres.Select(CentreCode.Parse).ToList());

    /// <summary>
    /// Timed randomisations (after an untimed warm-up that lasts until the JIT is quiet), wall seconds, CPU seconds of this process (the service's
    /// side), of the PostgreSQL backends serving the run's database, and of the whole machine (adds anything else running),
    /// per-randomisation latencies, Npgsql commands (round trips, COMMIT not counted) per randomisation, the mean time spent
    /// inside them and the mean wall time of that round (from an untimed round after the warm-up, so the two compare with
    /// each other but not with the timed run's mean), and the service's Trial:ConcurrentRandomisations
    /// (randomisations in the database at once; more wait in the service).
    /// </summary>
    public sealed record Result(int Clients, int Randomisations, double Seconds, double ProcessCpuSeconds, double PostgresCpuSeconds,
        double MachineCpuSeconds, double MedianMs, double P95Ms, double CommandsPerRandomisation, double InCommandsMs, double CountedMeanMs, int Duplicates, int Gaps, int Gate,
        int WarmUp, long JitCompiledWhileTimed)
    {
        public double PerSecond => Randomisations / Seconds;

        public double MeanMs => Seconds * 1000 * Clients / Randomisations;
    }

    private const int MaxWarmUpRounds = 20;

    private static readonly TimeSpan MinWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Methods a warm-up round may compile and still count as quiet (a rare path, a timer).</summary>
    private const int QuietRound = 5;

    /// <summary>Randomisations of the untimed round that counts Npgsql commands.</summary>
    private const int Counted = 100;

    /// <summary>
    /// Npgsql commands per randomisation, the mean milliseconds per randomisation spent inside them (sent to completed,
    /// overlapping ones counted each) and the round's mean wall milliseconds per randomisation (wall × clients / randomisations),
    /// over an untimed round of <see cref="Counted"/> randomisations: the difference is the service's time outside the commands. Counted outside the
    /// timing because listening makes Npgsql create an Activity per command, which the service does not do in production
    /// (it registers no listener): a timed run with the listener measured the bench's own cost as well.
    /// BENCH_SHOW_COMMANDS=1 prints the first commands' text.
    /// </summary>
    private static async Task<(double Commands, double InCommandsMs, double MeanMs)> CountCommandsAsync(Func<Task> round, int clients, TextWriter progress)
    {
        long commands = 0;
        long inCommandsTicks = 0;
        var show = Environment.GetEnvironmentVariable("BENCH_SHOW_COMMANDS") is not null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                Interlocked.Add(ref inCommandsTicks, a.Duration.Ticks);
                if (Interlocked.Increment(ref commands) <= 14 && show)
                {
                    progress.WriteLine("    command: " + a.DisplayName + " " + string.Join(' ', a.TagObjects.Where(t => t.Key == "db.query.text" || t.Key == "db.statement").Select(t => t.Value?.ToString()?.ReplaceLineEndings(" ")[..Math.Min(120, t.Value.ToString()!.Length)])));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var wall = Stopwatch.StartNew();
        await round();
        var meanMs = wall.Elapsed.TotalMilliseconds * clients / Counted;
        listener.ActivityStopped = null;
        return ((double)Interlocked.Read(ref commands) / Counted, TimeSpan.FromTicks(Interlocked.Read(ref inCommandsTicks)).TotalMilliseconds / Counted, meanMs);
    }

    public static async Task<Result> RunAsync(string connectionString, int clients, int participants, TextWriter progress)
    {
        await using var app = TrialHost.Build(["--Trial:Database=Postgres", $"--Trial:ConnectionString={connectionString}",
            "--Trial:FollowupScheduler=Off", "--Logging:LogLevel:Default=Warning", "--environment=Production"]);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await app.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var statistician = new StaffUser("bench", StaffRole.Statistician, OrganisationCode.Parse("trial-office"), []);
            await scope.ServiceProvider.GetRequiredService<AllocationSeeds>().SetAsync(scope.ServiceProvider.GetRequiredService<TrialDbContext>(), scope.ServiceProvider.GetRequiredService<AuditTrail>(),
                scope.ServiceProvider.GetRequiredService<TrialCalendar>(), statistician, null, CancellationToken.None);
        }
        // The warm-up randomises participants of its own, in rounds, so the timed run always has `participants`.
        var round = Math.Max(100, 6 * clients);
        var reserve = round * MaxWarmUpRounds + Counted;
        progress.WriteLine($"  {clients} clients: preparing {participants} consented participants (and {reserve} for the warm-up) …");
        var ids = new Guid[participants + reserve];
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var birth = new NodaTime.LocalDate(1960, 1, 1).PlusDays(i);
            var nationalId = Enumerable.Range(0, 500).Select(n => NationalIdNumber.Create(birth, n, NationalIdKind.Fodselsnummer)).First(n => n is not null)!.Value;
            var screened = await scope.ServiceProvider.GetRequiredService<ParticipantScreening>().ScreenAsync(new ScreeningRequest(
                Centres[i % Centres.Length], null, "2014-03-01", new PersonDetails($"Bench {i}", nationalId.Value),
                new Dictionary<string, bool> { ["in-treatment"] = true, ["wants-work"] = true, ["norwegian"] = true, ["no-disability-quarantine"] = true }),
                Manager, ct);
            await scope.ServiceProvider.GetRequiredService<ParticipantConsent>().RecordAsync(ParticipantId.From(screened.ParticipantId),
                new ConsentRequest("given", "1.0", "2014-03-01"), Manager, ct);
            ids[i] = screened.ParticipantId;
        });

        progress.WriteLine($"  {clients} clients: randomising …");
        var queue = new ConcurrentQueue<Guid>(ids[..participants]);
        var reserved = new ConcurrentQueue<Guid>(ids[(participants + Counted)..]);
        var toCount = new ConcurrentQueue<Guid>(ids[participants..(participants + Counted)]);
        async Task RandomiseOneAsync(Guid id)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ParticipantRandomisation>().RandomiseAsync(ParticipantId.From(id),
                new RandomiseRequest(), $"bench-{id}", Manager, CancellationToken.None);
        }
        // `clients` concurrent clients randomise until the queue is empty, each one at a time.
        Task ClientsAsync(ConcurrentQueue<Guid> work, ConcurrentBag<double> times) =>
            Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (work.TryDequeue(out var id))
                {
                    var started = Stopwatch.GetTimestamp();
                    await RandomiseOneAsync(id);
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })));
        // Warm-up, not timed, by as many clients as the timed run, so that it is in the steady state of a service that has
        // been running: methods JIT-compiled at their final tier, sequences expanded, and every pooled connection opened,
        // its PostgreSQL backend's catalogue caches filled and its statements prepared (Npgsql prepares one on its fifth use
        // on a connection). A single-client warm-up left 31 of 32 connections to be opened and warmed inside the timing.
        // A fixed warm-up of 6 randomisations per client was not enough: perf showed the handler's methods still at their
        // first (quick) tier and the JIT's background thread at 10 % of the process's samples during the timed run, and the
        // run's throughput moved with how far tiering had got. So it runs in rounds until two rounds in a row compile at most
        // a handful of methods (tier-1 recompilations included) and MinWarmUp has passed (at 1 client two quiet rounds of
        // 0.2 s came before the tier-1 recompilations started), at most MaxWarmUpRounds rounds; the report gives the
        // warm-up's size and the methods compiled during the timing, which shows whether the steady state was reached.
        var warmed = 0;
        var warming = Stopwatch.StartNew();
        for (var (r, quiet) = (0, 0); r < MaxWarmUpRounds && (quiet < 2 || warming.Elapsed < MinWarmUp); r++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var warm = new ConcurrentQueue<Guid>();
            while (warm.Count < round && reserved.TryDequeue(out var id))
            {
                warm.Enqueue(id);
            }
            warmed += warm.Count;
            await ClientsAsync(warm, []);
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled <= QuietRound ? quiet + 1 : 0;
        }
        var (commands, inCommandsMs, countedMeanMs) = await CountCommandsAsync(() => ClientsAsync(toCount, []), clients, progress);
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var timed = queue.Count;
        var latencies = new ConcurrentBag<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var machineBefore = MachineCpu.BusySeconds();
        var postgresBefore = await PostgresCpu.BackendSecondsAsync(connectionString);
        var clock = Stopwatch.StartNew();
        await ClientsAsync(queue, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var jitWhileTimed = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        process.Refresh();
        var processCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var machineCpu = MachineCpu.BusySeconds() - machineBefore;
        var postgresCpu = await PostgresCpu.BackendSecondsAsync(connectionString) - postgresBefore;
        var sorted = latencies.Order().ToArray();

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TrialDbContext>();
        var rows = await db.Randomisations.AsNoTracking().Select(r => new { r.Stratum, r.Period, r.Slot, r.ParticipantId }).ToListAsync();
        var duplicates = rows.Count - rows.Select(r => (r.Stratum, r.Period, r.Slot)).Distinct().Count()
                         + rows.Count - rows.Select(r => r.ParticipantId).Distinct().Count();
        var gaps = rows.GroupBy(r => (r.Stratum, r.Period)).Sum(g => (g.Max(r => r.Slot) ?? -1) + 1 - g.Count()) + (participants + warmed + Counted - rows.Count);
        await app.StopAsync();
        return new Result(clients, timed, seconds, processCpu, postgresCpu, machineCpu, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)],
            commands, inCommandsMs, countedMeanMs, duplicates, gaps, app.Services.GetRequiredService<RandomisationGate>().Limit, warmed, jitWhileTimed);
    }
}
