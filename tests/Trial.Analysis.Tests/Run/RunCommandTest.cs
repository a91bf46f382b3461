using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Testing;
using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.Run;

/// <summary>`trial-analysis run` end to end on a simulated package: bad input writes nothing; a good run writes everything.</summary>
public class RunCommandTest
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2016, 5, 3, 9, 0));

    /// <summary>A private copy of the committed plan (and its cost-benefit inputs) that a test may edit and lock.</summary>
    private static string PlanCopy(Func<string, string>? edit = null)
    {
        var folder = SimulatedTrial.TempPath("plan");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"), Path.Combine(folder, "cost-benefit.yaml"));
        var text = File.ReadAllText(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var path = Path.Combine(folder, "analysis-plan.yaml");
        File.WriteAllText(path, edit is null ? text : edit(text));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new RunCommand(Clock).Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static int Lock(string plan) => new LockPlanCommand(Clock).Run(["--plan", plan, "--protocol", RepositoryFiles.Protocol("ips-norway")], TextWriter.Null, TextWriter.Null);

    [Fact]
    public void Run_PlanReferencesMissingVariable_ExitsInvalidAndWritesNothing()
    {
        var plan = PlanCopy(t => t.Replace("female: { column: sex,", "female: { column: gender,", StringComparison.Ordinal));
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", plan, "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", output, "--blinded");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("$.covariates.female.column", err, StringComparison.Ordinal);
        Assert.Contains("'gender' is not a column", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_PlanChangedAfterLock_ExitsLockMismatchAndWritesNothing()
    {
        var plan = PlanCopy();
        Assert.Equal(ExitCodes.Ok, Lock(plan));
        File.WriteAllText(plan, File.ReadAllText(plan).Replace("from: 12\n    to: 27", "from: 12\n    to: 24", StringComparison.Ordinal));
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", plan, "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", output);
        Assert.Equal(ExitCodes.LockMismatch, code);
        Assert.Contains("no deviation was recorded", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_UnlockedPlanUnblinded_ExitsLockMismatch()
    {
        var (code, _, err) = Run("--plan", PlanCopy(), "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", SimulatedTrial.TempPath("out"));
        Assert.Equal(ExitCodes.LockMismatch, code);
        Assert.Contains("not locked", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OutcomeWithoutVariation_ExitsInvalidAndNamesThePlanPath()
    {
        var register = SimulatedTrial.TempPath("register") + ".csv";
        var lines = File.ReadAllLines(SimulatedTrial.Register);
        File.WriteAllLines(register, lines.Take(1).Concat(lines.Skip(1).Select(l => string.Join(',', l.Split(',').Select((f, j) => j == 8 ? "0" : f)))));
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", PlanCopy(), "--data", SimulatedTrial.Package, "--register", register, "--out", output, "--blinded");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("outcome 'education' has no variation", err, StringComparison.Ordinal);
        Assert.Contains("$.analyses[1].outcomes[7]", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_PackageHashMismatch_ExitsInvalidAndNamesTheFile()
    {
        var copy = SimulatedTrial.Copy();
        File.AppendAllText(Path.Combine(copy, "participants.csv"), "\n");
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", PlanCopy(), "--data", copy, "--register", SimulatedTrial.Register, "--out", output, "--blinded");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("participants.csv", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_BadRegisterCell_ReportsLineAndColumn()
    {
        var register = SimulatedTrial.TempPath("register") + ".csv";
        var lines = File.ReadAllLines(SimulatedTrial.Register);
        lines[5] = lines[5][..lines[5].LastIndexOf(',')] + ",x";
        File.WriteAllLines(register, lines);
        var (code, _, err) = Run("--plan", PlanCopy(), "--data", SimulatedTrial.Package, "--register", register, "--out", SimulatedTrial.TempPath("out"), "--blinded");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("line 6, column 14 (npr_phv_outpatient)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LockedPlan_WritesPdfResultsAndEveryTable()
    {
        var plan = PlanCopy();
        Assert.Equal(ExitCodes.Ok, Lock(plan));
        var output = SimulatedTrial.TempPath("out");
        var study = Trial.Analysis.Tests.Simulation.SimulationStudyTests.WriteStudy();
        var (code, stdout, err) = Run("--plan", plan, "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", output, "--study", study);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("run: [18/18]", stdout, StringComparison.Ordinal);
        var pdf = File.ReadAllBytes(Path.Combine(output, "report.pdf"));
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        Assert.InRange(results["report"]!["pages"]!.GetValue<int>(), 12, 60);
        var tables = results["report"]!["tables"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        string[] planned = ["baseline", "status", "did", "did-regression", "main", "main21", "subgroups", "centres-in_work", "windows", "earlylate-in_work", "specialist",
            "periods-in_work", "ancova", "eventstudy-in_work", "unadjusted-6m", "unadjusted-12m", "adjusted-6m", "adjusted-12m", "adjusted-unconstrained", "expectation-6m", "expectation-12m", "attrition", "ipw-6m", "ipw-12m", "mi-6m", "mi-12m", "cost-critical-wage", "cost-required-pv",
            "cost-breakdown", "cost-sensitivity", "cost-break-even"];
        Assert.All(planned, id => Assert.Contains(id, tables));
        Assert.All(tables, id => Assert.True(File.Exists(Path.Combine(output, "tables", id + ".csv")), id));
        var figures = results["report"]!["figures"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.All(new[] { "work-share", "subgroups-forest", "centres-in_work-forest", "eventstudy-in_work", "adjusted-means", "critical-wage" }, f => Assert.Contains(f, figures));
        Assert.Equal(64, results["plan"]!["sha256"]!.GetValue<string>().Length);
        Assert.True(results["simulated"]!.GetValue<bool>());
        Assert.Equal("unblinded", results["arms"]!["disclosure"]!.GetValue<string>());
        Assert.Equal("IPS", results["arms"]!["treated"]!.GetValue<string>());
        Assert.Equal("Control", results["arms"]!["control"]!.GetValue<string>());
        Assert.StartsWith("simulated: trial-analysis simulate", results["package"]!["lockedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("SIMULATED DATA", stdout, StringComparison.Ordinal);
        Assert.Equal("table,reason,arm,participants,records,record_unit", File.ReadLines(Path.Combine(output, "tables", "left-out.csv")).First());
        Assert.Equal(0, results["analyses"]!["main"]!["leftOut"]!["dataUse"]!["participants"]!.GetValue<int>());
        Assert.Equal(3, results["simulationStudy"]!["replications"]!.GetValue<int>());
        Assert.Contains("simulation-study", tables);
        Assert.Contains("simulation-study-coverage", figures);
        Report.StrictCsv.AssertTidyFolder(Path.Combine(output, "tables"));
        var files = results["report"]!["figureFiles"]!.AsArray();
        Assert.Equal(figures.Count, files.Count);
        foreach (var f in files)
        {
            var png = File.ReadAllBytes(Path.Combine(output, f!["png"]!.GetValue<string>()));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var svg = File.ReadAllText(Path.Combine(output, f["svg"]!.GetValue<string>()));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
        }
        // Table 11: per-centre terms clustered on participant, and the forest plot's reference line is the ITT estimate.
        var centres = results["analyses"]!["centres"]!["results"]!["in_work"]!;
        Assert.NotNull(centres["equalEffects"]!["person-cr1"]);
        Assert.Null(centres["equalEffects"]!["centre-cr1"]);
        var itt = results["analyses"]!["main"]!["results"]!["in_work"]!["coefficients"]!["ips"]!["estimate"]!.GetValue<double>();
        Assert.Equal(itt, centres["pooledItt"]!["estimate"]!.GetValue<double>(), 12);
        var centreCsv = File.ReadAllLines(Path.Combine(output, "tables", "centres-in_work.csv"));
        Assert.All(centreCsv.Where(l => l.Contains(",interaction,ips_", StringComparison.Ordinal) && l.Contains(",coefficient,", StringComparison.Ordinal)), l => Assert.EndsWith(",person-cr1,", l, StringComparison.Ordinal));
        // Table 17: cLDA (one baseline mean) is the main model; the unconstrained model is the sensitivity analysis.
        var adjusted = results["analyses"]!["adjusted"]!["results"]!["hads_total"]!;
        Assert.StartsWith("cLDA: y ~ time + ips6 + ips12", adjusted["model"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(adjusted["unconstrained"]!["12m"]!["difference"]);
        // Table 18: the expectation item by Welch's t-test at 6 and 12 months.
        var expectation = results["analyses"]!["expectation"]!["results"]!["6m"]!["work_health"]!;
        Assert.Contains("Welch", expectation["test"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(expectation["treatedN"]!.GetValue<int>(), 50, 250);
        // Missing follow-up: IPW (responders, weighted) and multiple imputation (everyone in the population) beside cLDA.
        var ipw = results["analyses"]!["ipw"]!["results"]!["hads_total"]!["12m"]!;
        var mi = results["analyses"]!["mi"]!["results"]!["hads_total"]!["12m"]!;
        var itt410 = results["analyses"]!["mi"]!["results"]!["hads_total"]!["6m"]!["n"]!.GetValue<int>();
        Assert.InRange(ipw["n"]!.GetValue<int>(), 50, itt410 - 1);
        Assert.InRange(ipw["mean_weight"]!.GetValue<double>(), 1.2, 5);
        Assert.InRange(mi["fraction_missing_information"]!.GetValue<double>(), 0.05, 0.95);
        var clda = adjusted["12m"]!["difference"]!.GetValue<double>();
        Assert.True(Math.Abs(mi["difference"]!.GetValue<double>() - clda) < 2 * mi["se"]!.GetValue<double>(), $"MI {mi["difference"]} vs cLDA {clda}");
        Assert.True(Math.Abs(ipw["difference"]!.GetValue<double>() - clda) < 2 * ipw["se"]!.GetValue<double>(), $"IPW {ipw["difference"]} vs cLDA {clda}");
        Assert.StartsWith("responded ~ ips + age + female", results["analyses"]!["ipw"]!["results"]!["responseModel"]!.GetValue<string>(), StringComparison.Ordinal);
        var main = File.ReadAllLines(Path.Combine(output, "tables", "main.csv"));
        Assert.Contains(main, l => l.StartsWith("main,In work,itt,,ips,coefficient,", StringComparison.Ordinal) && l.EndsWith(",centre-cr2,", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_PackageWithFidelityReviews_ShowsFidelityBesideTheCentreEffects()
    {
        // A package with fidelity.csv as Enrollment writes it: the latest IPS-25 review of each centre counts.
        var package = SimulatedTrial.Copy();
        var centres = File.ReadLines(Path.Combine(package, "participants.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = centres.Select((c, i) => $"{c},ips-25,2008-01-07,2014-06-0{1 + i % 9},{80 + 7 * i},{(80 + 7 * i >= 100 ? "good" : "fair")}")
            .Prepend($"{centres[0]},ips-25,2008-01-07,2013-01-15,70,not-ips");
        var bytes = System.Text.Encoding.UTF8.GetBytes("centre,scale,scale_version,review_date,total,category\n" + string.Join("\n", rows) + "\n");
        File.WriteAllBytes(Path.Combine(package, "fidelity.csv"), bytes);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(package, "manifest.json")))!;
        manifest["files"]!.AsArray().Add(new JsonObject { ["name"] = "fidelity.csv", ["rows"] = centres.Count + 1, ["sha256"] = Trial.Analysis.Package.DataPackageWriter.Sha256(bytes) });
        File.WriteAllText(Path.Combine(package, "manifest.json"), manifest.ToJsonString());
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", PlanCopy(), "--data", package, "--register", SimulatedTrial.Register, "--out", output, "--blinded");
        Assert.True(code == ExitCodes.Ok, err);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        var meta = results["analyses"]!["centres"]!["results"]!["in_work"]!["fidelityMetaRegression"]!;
        Assert.Equal(centres.Count, meta["centres"]!.GetValue<int>());
        Assert.StartsWith("fixed-effect meta-regression", meta["convention"]!.GetValue<string>(), StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(output, "tables", "centres-in_work.csv"));
        // Tidy layout: the centre's fidelity total is its own row beside the separate fit's estimate.
        Assert.Contains(table, l => l.StartsWith($"centres-in_work,in_work,itt,separate {centres[0]},,fidelity_ips25,80,", StringComparison.Ordinal));
        var figures = results["report"]!["figures"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Contains("centres-in_work-fidelity", figures);
    }

    [Fact]
    public void Footer_SimulatedPackage_StartsWithSimulatedData()
    {
        var plan = Trial.Analysis.Plan.AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var context = new Trial.Analysis.Report.RunContext("plan.yaml", new string('a', 64), "1", "locked", "pkg", new string('b', 64), "", "register.csv", "", "unblinded", "")
        {
            Simulated = true,
        };
        Assert.StartsWith("SIMULATED DATA · ips-norway", Trial.Analysis.Report.ReportComposer.Footer(plan, context, Trial.Analysis.Report.ReportLocale.English), StringComparison.Ordinal);
        Assert.StartsWith("SIMULERTE DATA · ", Trial.Analysis.Report.ReportComposer.Footer(plan, context, Trial.Analysis.Report.ReportLocale.Norwegian), StringComparison.Ordinal);
        Assert.StartsWith("ips-norway", Trial.Analysis.Report.ReportComposer.Footer(plan, context with { Simulated = false }, Trial.Analysis.Report.ReportLocale.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Only_ReRunsOneAnalysis()
    {
        var plan = PlanCopy();
        Assert.Equal(ExitCodes.Ok, Lock(plan));
        var output = SimulatedTrial.TempPath("out");
        var (code, stdout, err) = Run("--plan", plan, "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", output, "--only", "earlylate-in_work");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("run: [1/1] earlylate", stdout, StringComparison.Ordinal);
        var tables = Directory.GetFiles(Path.Combine(output, "tables")).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("earlylate-in_work", tables);
        Assert.DoesNotContain("main", tables);
        Assert.DoesNotContain("cost-critical-wage", tables);
        Report.StrictCsv.AssertTidyFolder(Path.Combine(output, "tables"));
    }

    [Fact]
    public void Run_OnlyUnknownAnalysis_IsAUsageErrorAndWritesNothing()
    {
        var plan = PlanCopy();
        Assert.Equal(ExitCodes.Ok, Lock(plan));
        var output = SimulatedTrial.TempPath("out");
        var (code, _, err) = Run("--plan", plan, "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register, "--out", output, "--only", "mian");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--only mian names no analysis", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
