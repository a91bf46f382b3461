using System.Text.Json;
using Trial.Analysis.Package;
using Trial.Demo.Cli;
using Trial.TestServers;

namespace Trial.Demo.Tests;

/// <summary>
/// The README's first command, small: about 60 participants through the real service (HTTP API, follow-up sweeps,
/// outbox to the loopback SMTP sink and SMS files, questionnaire form posts), the real export, the register extract
/// for the exported ids, and the locked plan on that export.
/// </summary>
public sealed class SimulatedTrialPipelineTests
{
    private const int Participants = 60;

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public Task Sqlite_ThroughTheService_ExportsAPackageThatPassesTheContract() => ExportsAPackageThatPassesTheContract([]);

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Postgres_ThroughTheService_ExportsAPackageThatPassesTheContract()
    {
        var connection = await PostgresServer.Instance.CreateDatabaseAsync("demo");
        await ExportsAPackageThatPassesTheContract(["--Trial:Database=Postgres", $"--Trial:ConnectionString={connection}"]);
    }

    private static async Task ExportsAPackageThatPassesTheContract(string[] host)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var options = DemoOptions.Parse(["--out", folder.Path, "--participants", Participants.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", .. host], out _)!;
        var log = new StringWriter();

        var trial = await DemoRun.SimulateAsync(options, folder.Path, log.WriteLine, log, CancellationToken.None);

        // The real export, read back through Analysis's package reader: every file matches its manifest hash and row count.
        // (The full contract check is in the pipeline test below, which waits for the export to meet it.)
        var package = DataPackageReader.Open(Path.Combine(folder.Path, "package"));
        Assert.Equal(Participants, package.Participants.Count);
        // The ratio comes from the protocol's allocation periods: both arms in both periods, more IPS in the 2:1 period.
        var byPeriod = package.Participants.GroupBy(p => p.Period).ToDictionary(g => g.Key, g => (Ips: g.Count(p => p.Arm == "ips"), Control: g.Count(p => p.Arm == "control")));
        Assert.Equal(["p1-2to1", "p2-1to1"], byPeriod.Keys.Order(StringComparer.Ordinal));
        Assert.True(byPeriod["p1-2to1"].Ips > byPeriod["p1-2to1"].Control, log.ToString());
        var participants = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "package", "participants.csv"));
        foreach (var scope in new[] { "intervention", "followup-contact", "data-collection", "register-linkage", "data-use" })
        {
            Assert.Single(participants, line => line.EndsWith("," + scope, StringComparison.Ordinal));
        }
        Assert.Equal(2, package.Participants.Count(p => p.DiedOn is not null));
        Assert.Single(participants, line => line.Split(',')[8] == "true");
        // Seed 001's exclusions, each at least once, in the screening log.
        var screening = await File.ReadAllTextAsync(Path.Combine(folder.Path, "package", "screening.csv"));
        foreach (var reason in new[] { "outside-target-group", "insufficient-norwegian", "disability-benefit-waiting-period" })
        {
            Assert.Contains(reason, screening, StringComparison.Ordinal);
        }
        Assert.Contains(package.Screening, s => s.Consent == "declined");
        // Follow-up: invitations went out by e-mail and SMS, and answers came in on the web and by phone, at 6 and 12 months.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(folder.Path, "mail"), "*.eml"));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(folder.Path, "sms")));
        // occasions.csv: participant_id, occasion, due_on, status, reason, completed_at, mode
        var completed = (await File.ReadAllLinesAsync(Path.Combine(folder.Path, "package", "occasions.csv"))).Skip(1).Select(l => l.Split(','))
            .Where(o => o[3] == "completed").Select(o => (Occasion: o[1], Mode: o[6])).ToList();
        Assert.Contains(("6m", "web"), completed);
        Assert.Contains(("12m", "web"), completed);
        Assert.Contains(completed, o => o.Mode == "phone");
        Assert.InRange(completed.Count(o => o.Occasion == "6m"), Participants / 5, Participants * 4 / 5);
        Assert.Contains(package.Scores, s => s.Instrument == "hads" && s.Scale == "total");
        // The register extract covers exactly the exported ids, January 2010 to April 2016 (to death when died).
        var register = (await File.ReadAllLinesAsync(Path.Combine(folder.Path, "register.csv"))).Skip(1).Select(l => l.Split(',')).ToList();
        var ids = package.Participants.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(register, r => Assert.Contains(r[0], ids));
        Assert.Equal(Participants - 2, register.Select(r => r[0]).Distinct().Count());
        var months = register.Select(r => r[1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal("2010-01", months[0]);
        Assert.Equal("2016-04", months[^1]);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "package", "manifest.json")));
        Assert.Contains("trial-demo", manifest.RootElement.GetProperty("lockedBy").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(trial.Plan));
    }

    /// <summary>The whole README command with 60 participants: the export passes the contract, the locked plan runs on it and the report is complete.</summary>
    [Fact(Skip = "Blocked on issue 8 (e2e-core): Enrollment's export does not pass the data-package contract yet (covariates.csv lacks the "
        + "baseline-form columns born_norway, civil_status, single_divorced, reading_writing_difficulties, years_mental_complaints, involuntary_admission, "
        + "mini_diagnosis, psychotic, return_to_work_expectation; occasions.csv reason carries free text such as 'withdrew-data-collection: <reason>'), "
        + "and the committed plan needs 0m scores and instrument/scale codes Follow-up does not export. See the demo's commit messages.")]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public async Task Sqlite_LockedPlanRunsOnTheExport_WritesReportAndResults()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await DemoCli.RunAsync(["--out", folder.Path, "--participants", "60", "--seed", "7"], output, error, CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"{output}\n{error}");
        Assert.True(File.Exists(Path.Combine(folder.Path, "report", "report.pdf")));
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "report", "results.json")));
        var ips = results.RootElement.GetProperty("analyses").GetProperty("main").GetProperty("results").GetProperty("in_work").GetProperty("coefficients").GetProperty("ips");
        Assert.True(double.IsFinite(ips.GetProperty("estimate").GetDouble()));
        Assert.Empty(folder.PartialSiblings);
        Assert.EndsWith(Path.Combine(folder.Path, "report", "report.pdf"), output.ToString().TrimEnd(), StringComparison.Ordinal);
    }
}
