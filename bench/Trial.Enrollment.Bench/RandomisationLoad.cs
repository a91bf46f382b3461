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
    /// Timed randomisations (after a short untimed warm-up), wall seconds, CPU seconds of this process (the service's
    /// side), of the PostgreSQL backends serving the run's database, and of the whole machine (adds anything else running),
    /// per-randomisation latencies, Npgsql commands (round trips, COMMIT not counted) per randomisation, and the service's
    /// Trial:ConcurrentRandomisations (randomisations in the database at once; more wait in the service).
    /// </summary>
    public sealed record Result(int Clients, int Randomisations, double Seconds, double ProcessCpuSeconds, double PostgresCpuSeconds,
        double MachineCpuSeconds, double MedianMs, double P95Ms, double CommandsPerRandomisation, int Duplicates, int Gaps, int Gate)
    {
        public double PerSecond => Randomisations / Seconds;

        public double MeanMs => Seconds * 1000 * Clients / Randomisations;
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
        progress.WriteLine($"  {clients} clients: preparing {participants} consented participants …");
        var ids = new Guid[participants];
        await Parallel.ForAsync(0, participants, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
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
        var queue = new ConcurrentQueue<Guid>(ids);
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
        var warmUp = Math.Min(Math.Max(100, 6 * clients), participants / 4);
        var warm = new ConcurrentQueue<Guid>();
        while (warm.Count < warmUp && queue.TryDequeue(out var id))
        {
            warm.Enqueue(id);
        }
        await ClientsAsync(warm, []);
        var timed = queue.Count;
        var latencies = new ConcurrentBag<double>();
        long commands = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => Environment.GetEnvironmentVariable("BENCH_SHOW_COMMANDS") is null ? ActivitySamplingResult.PropagationData : ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Interlocked.Increment(ref commands) <= 14 && Environment.GetEnvironmentVariable("BENCH_SHOW_COMMANDS") is not null)
                {
                    progress.WriteLine("    command: " + a.DisplayName + " " + string.Join(' ', a.TagObjects.Where(t => t.Key == "db.query.text" || t.Key == "db.statement").Select(t => t.Value?.ToString()?.ReplaceLineEndings(" ")[..Math.Min(120, t.Value.ToString()!.Length)])));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var machineBefore = MachineCpu.BusySeconds();
        var postgresBefore = await PostgresCpu.BackendSecondsAsync(connectionString);
        var clock = Stopwatch.StartNew();
        await ClientsAsync(queue, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var processCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var machineCpu = MachineCpu.BusySeconds() - machineBefore;
        var postgresCpu = await PostgresCpu.BackendSecondsAsync(connectionString) - postgresBefore;
        listener.ActivityStopped = null;
        var sorted = latencies.Order().ToArray();

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TrialDbContext>();
        var rows = await db.Randomisations.AsNoTracking().Select(r => new { r.Stratum, r.Period, r.Slot, r.ParticipantId }).ToListAsync();
        var duplicates = rows.Count - rows.Select(r => (r.Stratum, r.Period, r.Slot)).Distinct().Count()
                         + rows.Count - rows.Select(r => r.ParticipantId).Distinct().Count();
        var gaps = rows.GroupBy(r => (r.Stratum, r.Period)).Sum(g => (g.Max(r => r.Slot) ?? -1) + 1 - g.Count()) + (participants - rows.Count);
        await app.StopAsync();
        return new Result(clients, timed, seconds, processCpu, postgresCpu, machineCpu, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)],
            (double)Interlocked.Read(ref commands) / timed, duplicates, gaps, app.Services.GetRequiredService<RandomisationGate>().Limit);
    }
}
