using System.Text.Json;
using NodaTime.Text;
using Trial.Demo.Cli;
using Trial.Enrollment.Protocol;
using Trial.Followup.Scheduling;
using Trial.Protocol.Package;
using Trial.TestServers;

namespace Trial.Demo.Tests;

/// <summary>
/// The README's first command, small: about 60 participants through the real service (HTTP API, baseline form,
/// follow-up sweeps, outbox to the loopback SMTP sink and SMS files, questionnaire form posts, phone entry), the real
/// export checked against the data-package contract, the register extract for the exported ids, and the committed
/// plan, locked before the first randomisation, run on that export.
/// </summary>
public sealed class SimulatedTrialPipelineTests
{
    private const int Participants = 60;

    private static readonly string[] Scopes = ["intervention", "followup-contact", "data-collection", "register-linkage", "data-use"];

    /// <summary>The whole README command with 60 participants on SQLite: the export passes the contract, the locked plan runs on it and the report is complete.</summary>
    [Fact]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public async Task Sqlite_InterruptedThenRerun_WholeTrialThroughTheService_LockedPlanRunsOnTheExport()
    {
        using var folder = new TempFolder();
        string[] args = ["--out", folder.Path, "--participants", Participants.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7"];

        // Interrupted (Ctrl+C) once the service is up: DIR is not created, only the work folder beside it, without a report.
        using (var interrupt = new CancellationTokenSource())
        {
            var interrupted = new StringWriter();
            var interruptedError = new StringWriter();
            var stopped = await DemoCli.RunAsync(args, new InterruptingWriter(interrupted, "] 2/6", interrupt), interruptedError, interrupt.Token);
            Assert.True(stopped == ExitCodes.Interrupted, $"{interrupted}\n{interruptedError}");
            Assert.Contains("interrupted", interruptedError.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(folder.Path));
            var partial = Assert.Single(folder.PartialSiblings);
            Assert.Empty(Directory.EnumerateFiles(partial, "report.pdf", SearchOption.AllDirectories));
            Directory.Delete(partial, recursive: true);
        }

        // The rerun, into the same --out, with --serve: afterwards the service stays up on the demo's database.
        var output = new StringWriter();
        var error = new StringWriter();
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var port = FreePort();
        var run = DemoCli.RunAsync([.. args, "--serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new SignallingWriter(output, "Press Ctrl+C to stop.", serving), error, stop.Token);
        await Task.WhenAny(serving.Task, run);
        Assert.True(serving.Task.IsCompleted, $"{output}\n{error}");
        await AssertServedTrialCanBeBrowsedAsync(output.ToString(), port);
        stop.Cancel();
        var code = await run;

        Assert.True(code == ExitCodes.Ok, $"{output}\n{error}");
        var served = output.ToString();
        var log = served[..served.IndexOf("Trial service on the demo's database", StringComparison.Ordinal)];
        var package = Path.Combine(folder.Path, "package");
        AssertTrialWentThroughTheService(folder.Path, log);

        // The analysis: the locked plan ran on the export; the report is complete and says it is built from simulated data.
        var report = Path.Combine(folder.Path, "report", "report.pdf");
        Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(report)[..4]);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "report", "results.json")));
        var ips = results.RootElement.GetProperty("analyses").GetProperty("main").GetProperty("results").GetProperty("in_work").GetProperty("coefficients").GetProperty("ips");
        Assert.True(double.IsFinite(ips.GetProperty("estimate").GetDouble()), log);
        Assert.True(results.RootElement.GetProperty("simulated").GetBoolean());
        Assert.StartsWith("simulated", results.RootElement.GetProperty("package").GetProperty("lockedBy").GetString(), StringComparison.Ordinal);
        Assert.Contains("SIMULATED DATA", log, StringComparison.Ordinal);
        Assert.StartsWith("matches the lock", results.RootElement.GetProperty("plan").GetProperty("lock").GetString(), StringComparison.Ordinal);
        // The headline results are printed, and the last line is the report's path.
        Assert.Contains("Effect of IPS on being in work", log, StringComparison.Ordinal);
        Assert.Contains("Critical wage", log, StringComparison.Ordinal);
        Assert.EndsWith(report, log.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(folder.PartialSiblings);
        Assert.True(Directory.Exists(package));
    }

    /// <summary>The same simulated trial up to the database lock on PostgreSQL: the export passes the contract there too.</summary>
    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Postgres_ThroughTheService_ExportsAPackageThatPassesTheContract()
    {
        var connection = await PostgresServer.Instance.CreateDatabaseAsync("demo");
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var options = DemoOptions.Parse(["--out", folder.Path, "--participants", Participants.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7",
            "--Trial:Database=Postgres", $"--Trial:ConnectionString={connection}"], out _)!;
        var log = new StringWriter();

        await DemoRun.SimulateAsync(options, folder.Path, log.WriteLine, log, CancellationToken.None);

        AssertTrialWentThroughTheService(folder.Path, log.ToString());
    }

    /// <summary>What #8 asks of the simulated trial itself, read from the exported package (verified against the contract) and the demo's folders.</summary>
    private static void AssertTrialWentThroughTheService(string folder, string log)
    {
        var protocolFolder = Path.Combine(RepositoryRoot(), "protocol", "ips-norway");
        var package = PackageVerifier.Open(Path.Combine(folder, "package"), PackageExpectations.FromProtocolFolder(protocolFolder));
        var participants = package.Table("participants.csv")!;
        string Cell(PackageTable table, string[] row, string column) => row[table.ColumnIndex(column)];
        Assert.Equal(Participants, participants.Rows.Count);

        // The ratio comes from the protocol's allocation periods: each participant's period is the one the protocol
        // gives for the randomisation date, and the 2:1 period has more IPS than control.
        var protocol = ProtocolLoader.Load(protocolFolder);
        foreach (var row in participants.Rows)
        {
            var on = LocalDatePattern.Iso.Parse(Cell(participants, row, "randomised_on")).Value;
            Assert.Equal(protocol.PeriodOn(on)!.Code.Value, Cell(participants, row, "period"));
            Assert.Equal(protocol.PeriodOn(on)!.Ratio.ToString(), Cell(participants, row, "ratio"));
        }
        var byPeriod = participants.Rows.GroupBy(r => Cell(participants, r, "period"))
            .ToDictionary(g => g.Key, g => (Ips: g.Count(r => Cell(participants, r, "arm") == "ips"), Control: g.Count(r => Cell(participants, r, "arm") == "control")));
        Assert.Equal(["p1-2to1", "p2-1to1"], byPeriod.Keys.Order(StringComparer.Ordinal));
        Assert.True(byPeriod["p1-2to1"].Ips > byPeriod["p1-2to1"].Control, log);

        // One withdrawal in each scope, two deaths and one mistaken randomisation, each through its endpoint.
        foreach (var scope in Scopes)
        {
            Assert.Single(participants.Rows, r => Cell(participants, r, "withdrawn_scopes") == scope);
            Assert.Contains($"withdrawal: {scope}", log, StringComparison.Ordinal);
        }
        var withdrawals = package.Table("withdrawals.csv")!;
        Assert.Equal(Scopes.Order(StringComparer.Ordinal), withdrawals.Rows.Select(r => Cell(withdrawals, r, "scope")).Order(StringComparer.Ordinal));
        Assert.Equal(2, participants.Rows.Count(r => Cell(participants, r, "died_on") != ""));
        Assert.Single(participants.Rows, r => Cell(participants, r, "mistaken") == "true");

        // Follow-up's occasions were opened by the real Quartz jobs, fired through the scheduler on each virtual day.
        var quartzJobs = System.Text.RegularExpressions.Regex.Match(log, @"Quartz ran (\d+) jobs");
        Assert.True(quartzJobs.Success, log);
        var fired = int.Parse(quartzJobs.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(fired > 0 && fired % FollowupJobs.InDailyOrder.Count == 0, log);

        // The trial manager closed recruitment after the last inclusion and locked follow-up before the export.
        Assert.Contains("recruitment closed by the trial manager", log, StringComparison.Ordinal);
        Assert.Contains("follow-up locked by the trial manager", log, StringComparison.Ordinal);

        // Seed 001's exclusions, each at least once, in the screening log.
        var screening = File.ReadAllText(Path.Combine(folder, "package", "screening.csv"));
        foreach (var reason in new[] { "outside-target-group", "insufficient-norwegian", "disability-benefit-waiting-period", "declined" })
        {
            Assert.Contains(reason, screening, StringComparison.Ordinal);
        }

        // The baseline form was recorded for every randomised participant (empty only for the data-use withdrawal).
        var covariates = package.Table("covariates.csv")!;
        var dataUse = participants.Rows.Single(r => Cell(participants, r, "withdrawn_scopes") == "data-use")[0];
        Assert.All(covariates.Rows.Where(r => r[0] != dataUse), r =>
        {
            Assert.NotEqual("", Cell(covariates, r, "born_norway"));
            Assert.NotEqual("", Cell(covariates, r, "civil_status"));
            Assert.NotEqual("", Cell(covariates, r, "years_mental_complaints"));
        });

        // Follow-up: invitations by e-mail and SMS; answers on the web and by phone at 0, 6 and 12 months.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(folder, "mail"), "*.eml"));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(folder, "sms")));
        var occasions = package.Table("occasions.csv")!;
        var completed = occasions.Rows.Where(r => Cell(occasions, r, "status") == "completed")
            .Select(r => (Occasion: Cell(occasions, r, "occasion"), Mode: Cell(occasions, r, "mode"))).ToList();
        Assert.Contains(("0m", "web"), completed);
        Assert.Contains(("0m", "phone"), completed);
        Assert.Contains(("6m", "web"), completed);
        Assert.Contains(("12m", "web"), completed);
        Assert.Contains(completed, o => o.Occasion != "0m" && o.Mode == "phone");
        Assert.InRange(completed.Count(o => o.Occasion == "0m"), Participants * 4 / 5, Participants);
        Assert.InRange(completed.Count(o => o.Occasion == "6m"), Participants / 5, Participants * 4 / 5);

        // The register extract covers exactly the exported ids, January 2010 to April 2016 (none for the two who died).
        var register = File.ReadAllLines(Path.Combine(folder, "register.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var ids = participants.Rows.Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(register, r => Assert.Contains(r[0], ids));
        Assert.Equal(Participants - 2, register.Select(r => r[0]).Distinct().Count());
        var months = register.Select(r => r[1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal("2010-01", months[0]);
        Assert.Equal("2016-04", months[^1]);
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
        throw new InvalidOperationException("Trial.sln not found above the test's folder.");
    }

    /// <summary>Passes lines on, and presses Ctrl+C (cancels) once a line containing <paramref name="trigger"/> is written.</summary>
    /// <summary>A demo user printed by --serve signs in to the service left running and finds the trial just run.</summary>
    private static async Task AssertServedTrialCanBeBrowsedAsync(string log, int port)
    {
        var users = log[log.IndexOf("Demo users (development only):", StringComparison.Ordinal)..].Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 3)
            .ToList();
        var manager = Assert.Single(users, u => u[0] == "trial-manager" || u[0] == "TrialManager" || u[1] == "manager");
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        Assert.Contains(baseUrl + "login", log, StringComparison.Ordinal);
        using var session = await Trial.Demo.Service.StaffSession.SignInAsync(baseUrl, manager[1], manager[2], CancellationToken.None);
        var participants = await session.GetAsync<JsonElement>("/api/participants?pageSize=5", CancellationToken.None);
        Assert.True((participants.ValueKind == JsonValueKind.Array ? participants : participants.GetProperty("items")).GetArrayLength() > 0);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SignallingWriter(TextWriter inner, string trigger, TaskCompletionSource reached) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true)
            {
                reached.TrySetResult();
            }
        }
    }

    private sealed class InterruptingWriter(TextWriter inner, string trigger, CancellationTokenSource interrupt) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true)
            {
                interrupt.Cancel();
            }
        }
    }
}
