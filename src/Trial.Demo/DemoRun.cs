using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Analysis.Package;
using Trial.Analysis.Simulation;
using Trial.Demo.Analysis;
using Trial.Demo.Cli;
using Trial.Demo.Clock;
using Trial.Demo.Mail;
using Trial.Demo.Population;
using Trial.Demo.Register;
using Trial.Demo.Service;
using Trial.Demo.Timeline;
using Trial.Enrollment.Protocol;
using Trial.Protocol.Package;

namespace Trial.Demo;

/// <summary>
/// One simulated trial through the real system, stage by stage. Everything is written into a sibling work folder
/// (DIR.partial-xxxx) that is renamed to DIR only when the report is complete, so an interrupted run never leaves a
/// folder that looks finished; rerun into a new folder.
/// </summary>
internal static class DemoRun
{
    /// <summary>The service's clock when the first centre opens for referrals.</summary>
    public static readonly LocalDate TrialOpens = new(2013, 10, 1);

    /// <summary>The database lock, after the register extract's last month (April 2016).</summary>
    public static readonly LocalDate DatabaseLock = new(2016, 5, 2);

    /// <summary>Starts with "simulated" (protocol/data-package.md), so `trial-analysis run` marks the report on its title page and every footer.</summary>
    public const string LockedBy = "simulated: trial-demo (a simulated trial through the real service on a virtual clock; not real data)";

    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static async Task<DemoResult> RunAsync(DemoOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(options.Out);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() || File.Exists(target))
        {
            throw new DemoInputException($"{target}: --out must be a new or empty folder; an earlier run is never overwritten.");
        }
        var work = $"{target.TrimEnd(Path.DirectorySeparatorChar)}.partial-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
        Directory.CreateDirectory(work);
        var total = Stopwatch.StartNew();
        // Each stage starts only if the run was not interrupted (Ctrl+C); the rename to DIR is the last stage.
        void Stage(string text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.WriteLine($"[{total.Elapsed.TotalSeconds,5:0.0} s] {text}");
        }

        var simulated = await SimulateAsync(options, work, Stage, output, cancellationToken);

        // The seam between the writer and the reader: the exported package against the machine-readable contract.
        var verified = PackageVerifier.Open(Path.Combine(work, "package"), PackageExpectations.FromProtocolFolder(simulated.ProtocolDirectory));
        output.WriteLine($"  the exported package passes the data-package contract (manifest sha256 {verified.Sha256[..12]}…)");

        Stage("5/6 trial-analysis run: the locked plan on the package and the register extract");
        var clock = new VirtualClock(At(DatabaseLock, 12));
        PlanStage.Run(simulated.Plan, simulated.ProtocolDirectory, Path.Combine(work, "package"), Path.Combine(work, "register.csv"), Path.Combine(work, "report"), clock, output);

        Stage($"6/6 Complete: moving {work} to {target}");
        if (Directory.Exists(target))
        {
            Directory.Delete(target);
        }
        Directory.Move(work, target);
        output.WriteLine($"Done in {total.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s.");
        output.WriteLine();
        Headline.Print(Path.Combine(target, "report", "results.json"), options.Effect, simulated.RealisedEffect, output);
        output.WriteLine();
        output.WriteLine($"Package:  {Path.Combine(target, "package")}");
        output.WriteLine($"Register: {Path.Combine(target, "register.csv")}");
        output.WriteLine($"Report:   {Path.Combine(target, "report", "report.pdf")}");
        return new DemoResult(target, simulated);
    }

    /// <summary>
    /// Stages 1–4 into <paramref name="work"/>: the service on its virtual clock, the simulated trial through it, the
    /// database lock (the real export, in work/package) and the register extract (work/register.csv).
    /// </summary>
    public static async Task<SimulatedTrial> SimulateAsync(DemoOptions options, string work, Action<string> stage, TextWriter output, CancellationToken cancellationToken)
    {
        var rng = new SimulationRandom(options.Seed);
        var clock = new VirtualClock(At(TrialOpens, 8));
        stage($"1/6 Starting the trial service (Trial.Enrollment) on {Database(options)}, virtual clock at {TrialOpens:yyyy-MM-dd}; work folder {work}");
        TimelineSummary summary;
        IReadOnlyDictionary<string, Enrolled> enrolled;
        string plan;
        string protocolDirectory;
        IReadOnlyList<Trial.Enrollment.Hosting.DemoCredential> users;
        await using (var mail = new SmtpSink(Path.Combine(work, "mail")))
        {
            await using var service = await DemoService.StartAsync(options.HostArguments, Path.Combine(work, "database"), Path.Combine(work, "sms"), mail, clock,
                seedUsers: true, TextWriter.Null, cancellationToken);
            users = service.Users;
            output.WriteLine($"  listening on {service.BaseUrl}; e-mail to the SMTP sink on 127.0.0.1:{mail.Port}; SMS files in {Path.Combine(work, "sms")}");
            var protocol = service.Services.GetRequiredService<TrialProtocol>();
            (plan, var lockText) = PlanStage.Prepare(protocol.Directory, Path.Combine(work, "plan"), clock, output);
            output.WriteLine($"  analysis plan {plan}: {lockText}");

            var referrals = ReferralDraw.Draw(rng, options.Participants);
            stage($"2/6 Simulated trial: {referrals.Count} referred at 6 centres, coordinators screen, consent and randomise through the REST API; follow-up through Quartz's jobs, the outbox and the questionnaire pages");
            var timeline = new TrialTimeline(service, clock, mail, Path.Combine(work, "sms"), rng, output);
            summary = await timeline.RunAsync(referrals, cancellationToken);
            enrolled = timeline.ByResearchId;
            output.WriteLine($"  screened {summary.Screened}, randomised {summary.Randomised}: " +
                string.Join(", ", summary.ByArmAndPeriod.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
            output.WriteLine($"  follow-up: Quartz ran {summary.QuartzJobs} jobs (4 each virtual day); {summary.Emails} e-mails, {summary.SmsFiles} SMS; answers on the web 0m {summary.WebAnswers.GetValueOrDefault(0)}, 6m {summary.WebAnswers.GetValueOrDefault(6)}, 12m {summary.WebAnswers.GetValueOrDefault(12)}; by phone 0m {summary.PhoneAnswers.GetValueOrDefault(0)}, 6m {summary.PhoneAnswers.GetValueOrDefault(6)}, 12m {summary.PhoneAnswers.GetValueOrDefault(12)}");
            output.WriteLine($"  time: coordinators {summary.Coordinators.Elapsed.TotalSeconds:0.0} s, follow-up jobs and outbox {summary.Jobs.Elapsed.TotalSeconds:0.0} s, web answers {summary.Participants.Elapsed.TotalSeconds:0.0} s, phone rounds {summary.Phone.Elapsed.TotalSeconds:0.0} s");
            foreach (var e in summary.Events)
            {
                output.WriteLine($"  {e}");
            }

            stage($"3/6 Database lock on {DatabaseLock:yyyy-MM-dd}: the service's export writes the data package");
            clock.MoveTo(At(DatabaseLock, 9));
            var manifest = await service.ExportAsync(Path.Combine(work, "package"), LockedBy, cancellationToken);
            output.WriteLine($"  {manifest.Files.Count} files: " + string.Join(", ", manifest.Files.Select(f => $"{f.Name} ({f.Rows})")));
            protocolDirectory = protocol.Directory;
        }
        SqliteConnection.ClearAllPools();

        var package = DataPackageReader.Open(Path.Combine(work, "package"));
        stage($"4/6 Register extract 2010-01 … 2016-04 for the {package.Participants.Count} exported participant ids (Analysis's register simulator; effect {F(options.Effect)}, early − late {F(options.EarlyLate)})");
        var truth = RegisterExtractWriter.Write(package, enrolled, options.Seed, options.Effect, options.EarlyLate,
            Path.Combine(work, "register.csv"), Path.Combine(work, "register-truth.json"));
        output.WriteLine($"  realised true effect on in-work person-months after inclusion: {F(truth.AverageEffectInWork)}");

        return new SimulatedTrial(plan, protocolDirectory, summary, truth.AverageEffectInWork, users);
    }

    private static Instant At(LocalDate day, int hour) => day.At(new LocalTime(hour, 0)).InZoneLeniently(Oslo).ToInstant();

    private static string Database(DemoOptions options) =>
        options.HostArguments.Any(a => a.Equals("--Trial:Database=Postgres", StringComparison.OrdinalIgnoreCase)) ? "PostgreSQL" : "SQLite (in the output folder)";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>Where the finished run is, and what it did.</summary>
internal sealed record DemoResult(string Folder, SimulatedTrial Trial);

/// <summary>The simulated trial up to the register extract: the locked plan to run, what happened, the realised true effect, the demo users.</summary>
internal sealed record SimulatedTrial(string Plan, string ProtocolDirectory, TimelineSummary Summary, double RealisedEffect, IReadOnlyList<Trial.Enrollment.Hosting.DemoCredential> Users);
