using System.Diagnostics;
using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Bench;

/// <summary>
/// Case A: a seed-000 register panel at national scale — 500,000 persons × 20 calendar months (balanced), staggered
/// per-person start, LPM of monthly work on person FE + calendar-month FE + phase bins 0–3, 4–6, 7–9, &gt;9 months since
/// start (reference: pre-start) + 3 covariates, CR1S clustered by person. When Rscript is on PATH the same data are
/// fitted in the same run by the fastest general R route here, <c>bench/r/case_a.R</c> (collapse::fwithin alternating
/// projections on one matrix, crossprod + Cholesky, collapse::fsum cluster scores). Best of the repeats on each side.
/// Goal: at least 5× faster than that route; coefficients and SEs agree to 1e-8.
/// </summary>
internal static class RegisterPanelCase
{
    // TRIAL_BENCH_PERSONS overrides the number of persons for quick local runs; the reported case uses 500,000.
    private static readonly int Persons = int.TryParse(Environment.GetEnvironmentVariable("TRIAL_BENCH_PERSONS"), out var p) ? p : 500_000;
    private const int Months = 20;
    private const int Seed = 20260101;
    private static readonly string[] Regressors = ["p0_3", "p4_6", "p7_9", "p10", "x1", "x2", "x3"];
    private static readonly TimeSpan RTimeLimit = TimeSpan.FromMinutes(15);

    public static void Run(string results, TextWriter progress, int repeats)
    {
        using var report = new StreamWriter(Path.Combine(results, "analysis-case-a.md"), append: false);
        report.WriteLine($"# Case A: register panel in memory ({Environment.ProcessorCount} cores)");
        progress.WriteLine($"case A: generating {Persons:N0} persons × {Months} months");
        var data = Generate();
        var spec = ModelSpec.FromFormula("work ~ p0_3 + p4_6 + p7_9 + p10 + x1 + x2 + x3 | person + month").WithCluster("person");
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(true);

        progress.WriteLine("case A: fitting (design → within transformation with cross-products → Cholesky or QR → CR1S by person)");
        // The timings of every attempt are kept, but only the last attempt's objects: the next attempt can then reuse the
        // memory of the one before, as R's repeats reuse their heap (Measured.RHeap). When every attempt stayed alive,
        // each wrote 1.5 GB of fresh pages, and the kernel zeroing them was over half of the fit's CPU time. The
        // attempts fit the same data, so their results are the same; the first (cold) attempt is still listed.
        var attempts = new List<(TimeSpan Total, Attempt Timings)>();
        Attempt? last = null;
        for (var i = 0; i < repeats; i++)
        {
            last = null;
            last = FitOnce(spec, data);
            attempts.Add((last.Total, last with { Design = null!, Fit = null!, Inference = null! }));
        }
        var totals = attempts.Select(a => a.Total).ToList();
        var timings = attempts.MinBy(a => a.Total).Timings;
        var best = timings with { Design = last!.Design, Fit = last.Fit, Inference = last.Inference };
        var (design, designTime, cpuDesign, fit, fitTime, cpuFit, inference, vcovTime, totalTime, cpu) = best;
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var peak = self.PeakWorkingSet64;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        var summary = inference.Summarise();
        var total = new { Elapsed = totalTime };
        _ = design;
        WriteReport(report, progress, spec, fit, designTime, cpuDesign, fitTime, cpuFit, vcovTime, total.Elapsed, cpu, peak, managedBefore, load, summary, totals);
        CompareWithR(report, progress, data, fit, inference, total.Elapsed, cpu, repeats);
    }

    private sealed record Attempt(Design Design, TimeSpan DesignTime, TimeSpan CpuDesign, OlsFit Fit, TimeSpan FitTime, TimeSpan CpuFit,
        Inference Inference, TimeSpan VcovTime, TimeSpan Total, TimeSpan Cpu);

    private static Attempt FitOnce(ModelSpec spec, DataFrame data)
    {
        GC.Collect();
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var design = Design.Build(spec, data);
        var designTime = total.Elapsed;
        var cpuDesign = Cpu(self) - cpuBefore;
        var fit = OlsEstimator.Fit(design);
        var fitTime = total.Elapsed - designTime;
        var cpuFit = Cpu(self) - cpuBefore - cpuDesign;
        var inference = fit.Infer(VcovSpec.Stata());
        total.Stop();
        var vcovTime = total.Elapsed - designTime - fitTime;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        return new Attempt(design, designTime, cpuDesign, fit, fitTime, cpuFit, inference, vcovTime, total.Elapsed, cpu);
    }

    private static void WriteReport(TextWriter report, TextWriter progress, ModelSpec spec, OlsFit fit, TimeSpan designTime, TimeSpan cpuDesign,
        TimeSpan fitTime, TimeSpan cpuFit, TimeSpan vcovTime, TimeSpan totalElapsed, TimeSpan cpu, long peak, long managedBefore, string load,
        Summary summary, IReadOnlyList<TimeSpan> all)
    {
        var total = new { Elapsed = totalElapsed };
        report.WriteLine();
        report.WriteLine("## Case A: register panel, 10,000,000 person-months (500,000 persons × 20 months)");
        report.WriteLine();
        report.WriteLine($"Model: `{spec}`; {fit.N:N0} rows, {fit.Absorption}.");
        report.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInfo()}.");
        report.WriteLine();
        report.WriteLine("| stage | seconds |");
        report.WriteLine("|---|---|");
        report.WriteLine(Invariant($"| design (factor coding of person/month, singleton check) | {designTime.TotalSeconds:F2} (CPU {cpuDesign.TotalSeconds:F2}) |"));
        report.WriteLine(Invariant($"| fit (fused one-sweep demeaning of the 8 columns with their cross-products; Cholesky when κ ≤ 1e3, else TSQR) | {fitTime.TotalSeconds:F2} (CPU {cpuFit.TotalSeconds:F2}) |"));
        report.WriteLine(Invariant($"| CR1S vcov by person (500,000 clusters) | {vcovTime.TotalSeconds:F2} |"));
        report.WriteLine(Invariant($"| **total (wall clock), best of {all.Count}** | **{total.Elapsed.TotalSeconds:F2}** (all: {string.Join(", ", all.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}) |"));
        report.WriteLine(Invariant($"| CPU time of the process during the fit (all threads) | {cpu.TotalSeconds:F2} |"));
        report.WriteLine();
        report.WriteLine(Invariant($"Peak working set of the process (Process.PeakWorkingSet64, includes the generated input data of {managedBefore / 1e9:F2} GB): **{peak / 1e9:F2} GB**."));
        report.WriteLine($"1-minute load average {load} on {Environment.ProcessorCount} cores when the fits finished: when it is above the core count, wall-clock figures are inflated by other work and CPU time is the steadier figure.");
        report.WriteLine();
        report.WriteLine("```");
        report.Write(summary.ToText());
        report.WriteLine("```");
        progress.WriteLine(Invariant($"case A: C# design {designTime.TotalSeconds:F2} s (CPU {cpuDesign.TotalSeconds:F2}), fit (CPU {cpuFit.TotalSeconds:F2}) {fitTime.TotalSeconds:F2} s, vcov {vcovTime.TotalSeconds:F2} s, total {total.Elapsed.TotalSeconds:F2} s, CPU {cpu.TotalSeconds:F2} s, peak {peak / 1e9:F2} GB, load {load}"));
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static DataFrame Generate()
    {
        var n = Persons * Months;
        var person = new double[n];
        var month = new double[n];
        var work = new double[n];
        var phases = Enumerable.Range(0, 4).Select(_ => new double[n]).ToArray();
        var x = Enumerable.Range(0, 3).Select(_ => new double[n]).ToArray();
        var random = new Random(Seed);
        double[] effect = [-0.003, 0.064, 0.043, 0.036];
        for (var p = 0; p < Persons; p++)
        {
            var alpha = random.NextDouble() * 0.4;
            var start = random.NextDouble() < 0.25 ? int.MaxValue : random.Next(1, Months);
            for (var t = 0; t < Months; t++)
            {
                var i = p * Months + t;
                person[i] = p;
                month[i] = t;
                var e = t - start;
                var bin = e < 0 ? -1 : e <= 3 ? 0 : e <= 6 ? 1 : e <= 9 ? 2 : 3;
                var latent = alpha + 0.005 * t;
                if (bin >= 0)
                {
                    phases[bin][i] = 1;
                    latent += effect[bin];
                }
                for (var c = 0; c < 3; c++)
                {
                    x[c][i] = random.NextDouble();
                    latent += 0.02 * (c + 1) * x[c][i];
                }
                work[i] = random.NextDouble() < latent ? 1 : 0;
            }
        }
        var columns = new List<DataColumn>
        {
            new NumericColumn("person", person), new NumericColumn("month", month), new NumericColumn("work", work),
        };
        columns.AddRange(phases.Select((v, b) => new NumericColumn(Regressors[b], v)));
        columns.AddRange(x.Select((v, c) => new NumericColumn(Regressors[4 + c], v)));
        return new DataFrame(columns);
    }

    private static void CompareWithR(TextWriter report, TextWriter progress, DataFrame data, OlsFit fit, Inference inference, TimeSpan csharp, TimeSpan csharpCpu, int repeats)
    {
        report.WriteLine();
        report.WriteLine("## R side by side");
        report.WriteLine();
        var rscript = FindOnPath("Rscript");
        if (rscript is null || Environment.GetEnvironmentVariable("TRIAL_BENCH_SKIP_R") == "1")
        {
            report.WriteLine(rscript is null ? "Rscript is not on PATH: R comparison skipped." : "TRIAL_BENCH_SKIP_R=1: R comparison skipped.");
            report.WriteLine();
            report.WriteLine("**Verdict: NOT MET (no R run to compare with).**");
            return;
        }
        var dir = Directory.CreateTempSubdirectory("trial-bench-a-");
        try
        {
            progress.WriteLine($"case A: writing binary columns for R to {dir.FullName}");
            foreach (var name in new[] { "work", "person", "month" }.Concat(Regressors))
            {
                using var stream = new BinaryWriter(File.Create(Path.Combine(dir.FullName, name + ".bin")));
                foreach (var v in data.Numeric(name).Values)
                {
                    stream.Write(v);
                }
            }
            File.WriteAllText(Path.Combine(dir.FullName, "n.txt"), data.RowCount.ToString(CultureInfo.InvariantCulture));
            var script = Path.Combine(Measured.RepositoryRoot(), "bench", "r", "case_a.R");
            var runs = new List<double[]>();
            DataFrame? r = null;
            for (var k = 0; k < repeats; k++)
            {
                progress.WriteLine($"case A: R run {k + 1}/{repeats} (bench/r/case_a.R: collapse::fwithin + crossprod/Cholesky + fsum)");
                var run = Measured.Run(rscript, [script, dir.FullName], environment: Measured.RHeap);
                var result = Path.Combine(dir.FullName, "r_result.csv");
                if (run.ExitCode != 0 || !File.Exists(result))
                {
                    report.WriteLine($"R failed (exit {run.ExitCode}): {run.Stderr.Trim()}");
                    return;
                }
                r = CsvReader.ReadFile(result);
                runs.Add(r.Numeric("seconds").Values[..5]);
            }
            var seen = runs.MinBy(s => s[0])!;
            var names = (TextColumn)r!["term"];
            var coef = r.Numeric("estimate").Values;
            var se = r.Numeric("std_error").Values;
            var rTotal = seen[0];
            double maxCoef = 0, maxSe = 0;
            for (var i = 0; i < r.RowCount; i++)
            {
                var j = fit.IndexOf(names.Values[i]!);
                maxCoef = Math.Max(maxCoef, Math.Abs(coef[i] - fit.Coefficients[j]) / Math.Abs(fit.Coefficients[j]));
                maxSe = Math.Max(maxSe, Math.Abs(se[i] - inference.StandardError(j)) / inference.StandardError(j));
            }
            var ratio = rTotal / csharp.TotalSeconds;
            report.WriteLine(Invariant($"R route `bench/r/case_a.R` ({Measured.RVersion(rscript, "collapse")}) on the same {fit.N:N0} rows, timed inside R (elapsed; CPU = user + system) after the binary columns are loaded, glibc keeping freed memory (`Measured.RHeap`); best of {repeats} processes by total, each running the route twice and counting its faster run (warm heap, as the C# side's later attempts):"));
            report.WriteLine();
            report.WriteLine("| | seconds |");
            report.WriteLine("|---|---|");
            report.WriteLine(Invariant($"| R demean (fwithin, alternating projections) | {seen[1]:F2} |"));
            report.WriteLine(Invariant($"| R crossprod + Cholesky | {seen[2]:F2} |"));
            report.WriteLine(Invariant($"| R fsum cluster scores + sandwich | {seen[3]:F2} |"));
            report.WriteLine(Invariant($"| **R total (wall clock)** | **{rTotal:F2}** (all: {string.Join(", ", runs.Select(s => s[0].ToString("F2", CultureInfo.InvariantCulture)))}) |"));
            report.WriteLine(Invariant($"| **C# total (wall clock)** | **{csharp.TotalSeconds:F2}** |"));
            report.WriteLine(Invariant($"| **ratio R / C# (wall clock)** | **{ratio:F2}×** |"));
            report.WriteLine(Invariant($"| R CPU time (user + system) | {seen[4]:F2} |"));
            report.WriteLine(Invariant($"| C# CPU time (all threads) | {csharpCpu.TotalSeconds:F2} |"));
            report.WriteLine(Invariant($"| ratio R / C# (CPU time) | {seen[4] / csharpCpu.TotalSeconds:F2}× |"));
            report.WriteLine();
            report.WriteLine(Invariant($"Agreement: max relative difference of coefficients {maxCoef:G3}; of SEs {maxSe:G3} (both sides count K = {inference.SmallSampleK:N0}, every FE level)."));
            var met = ratio >= 5 && Math.Max(maxCoef, maxSe) <= 1e-8;
            var verdict = Invariant($"{(met ? "MET" : "NOT MET")}: {ratio:F2}× faster than the R route (goal ≥ 5×), agreement {Math.Max(maxCoef, maxSe):G3} (goal ≤ 1e-8)");
            report.WriteLine();
            report.WriteLine($"**Verdict: {verdict}.**");
            progress.WriteLine($"case A: R total {rTotal:F2} s; {verdict}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string RVersion(string rscript)
    {
        var info = new ProcessStartInfo(rscript, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n').FirstOrDefault(l => l.Contains("version", StringComparison.Ordinal))?.Trim() ?? "(unknown version)";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
