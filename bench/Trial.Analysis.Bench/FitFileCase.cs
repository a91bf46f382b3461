using System.Globalization;
using System.Text;
using System.Text.Json;
using Trial.Analysis.Data;
using static Trial.Analysis.Bench.Measured;

namespace Trial.Analysis.Bench;

/// <summary>
/// Case F: the path a statistician uses, from a file to an estimate. A seeded 3,000,000-row CSV (firm: 5,000 levels,
/// month: 60 levels, three regressors) is fitted by the <c>trial-analysis fit</c> process, y ~ x1 + x2 + x3 | firm + month,
/// CR1S by firm, and by <c>Rscript bench/r/case_f.R</c> (data.table::fread + collapse) on the same file, alternately in
/// the same run. Best wall clock of the repeats for each side; CPU time and peak memory from the kernel (GNU time).
/// Goal: at least 2× faster than R end to end and less peak memory; estimates and SEs agree to 1e-8.
/// </summary>
internal static class FitFileCase
{
    private static readonly int Rows = int.TryParse(Environment.GetEnvironmentVariable("TRIAL_BENCH_F_ROWS"), out var r) ? r : 3_000_000;
    private const int Firms = 5_000;
    private const int Months = 60;
    private const int Seed = 20261130;
    private static readonly string[] Terms = ["x1", "x2", "x3"];

    public static void Run(string results, TextWriter progress, int repeats)
    {
        var root = RepositoryRoot();
        var dir = Directory.CreateTempSubdirectory("trial-bench-f-");
        try
        {
            var csv = Path.Combine(dir.FullName, "case_f.csv");
            progress.WriteLine($"case F: writing {Rows:N0} rows to {csv}");
            Generate(csv);
            var size = new FileInfo(csv).Length;
            var exe = TrialAnalysis();
            string[] fitArgs = ["fit", "--data", csv, "--formula", "y ~ x1 + x2 + x3 | firm + month", "--cluster", "firm", "--vcov", "CR1S", "--json"];
            var rscript = OnPath("Rscript");
            var rFile = Path.Combine(root, "bench", "r", "case_f.R");
            var ours = new List<Measured>();
            var theirs = new List<Measured>();
            for (var i = 0; i < repeats; i++)
            {
                progress.WriteLine($"case F: run {i + 1}/{repeats}: trial-analysis fit");
                ours.Add(Measured.Run(exe, fitArgs));
                if (ours[^1].ExitCode != 0)
                {
                    throw new InvalidOperationException($"trial-analysis fit failed: {ours[^1].Stderr}");
                }
                if (rscript is not null)
                {
                    progress.WriteLine($"case F: run {i + 1}/{repeats}: Rscript case_f.R");
                    theirs.Add(Measured.Run(rscript, [rFile, csv], environment: Measured.RHeap));
                }
            }
            var best = ours.MinBy(m => m.WallSeconds)!;
            var bestR = theirs.Where(m => m.ExitCode == 0).MinBy(m => m.WallSeconds);
            var report = new StringBuilder();
            report.AppendLine("# Case F: `trial-analysis fit` from a CSV file, end to end, beside R");
            report.AppendLine();
            report.AppendLine(Invariant($"- Data: {Rows:N0} rows, {size / 1e6:F1} MB CSV written with seed {Seed} (firm: {Firms:N0} levels, month: {Months} levels, x1–x3, y)."));
            report.AppendLine("- Model: `y ~ x1 + x2 + x3 | firm + month`, CR1S clustered by firm (K counts every FE level, t(G−1)).");
            report.AppendLine($"- Command: `trial-analysis {string.Join(' ', fitArgs.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}`");
            report.AppendLine($"- R: `Rscript bench/r/case_f.R FILE` ({(rscript is null ? "Rscript not on PATH" : RVersion(rscript, "data.table", "collapse"))}); data.table threads: all; glibc keeps freed memory (`Measured.RHeap`: MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, MALLOC_TOP_PAD_), as for every R run.");
            report.AppendLine($"- CLI: {CliBuild}.");
            report.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; 1-minute load average {Load()} at the end. Each side ran {repeats}× alternately; the best wall clock is reported with that run's CPU and peak RSS."));
            report.AppendLine();
            report.AppendLine("| | wall s | CPU s (user+sys) | peak RSS MB | all wall times |");
            report.AppendLine("|---|---|---|---|---|");
            report.AppendLine(Invariant($"| trial-analysis fit | **{best.WallSeconds:F2}** | {best.CpuSeconds:F2} | {best.PeakMb:F0} | {string.Join(", ", ours.Select(m => m.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)))} |"));
            var verdict = "NOT MET (no R run)";
            if (bestR is not null)
            {
                report.AppendLine(Invariant($"| Rscript fread + collapse | **{bestR.WallSeconds:F2}** | {bestR.CpuSeconds:F2} | {bestR.PeakMb:F0} | {string.Join(", ", theirs.Select(m => m.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)))} |"));
                var ratio = bestR.WallSeconds / best.WallSeconds;
                var agreement = Agreement(best.Stdout, bestR.Stdout);
                var met = ratio >= 2 && best.PeakMb < bestR.PeakMb && agreement <= 1e-8;
                verdict = Invariant($"{(met ? "MET" : "NOT MET")}: {ratio:F2}× faster than R (goal ≥ 2×), peak memory {best.PeakMb:F0} MB vs R {bestR.PeakMb:F0} MB (goal: less), max relative difference of estimates and SEs {agreement:G3} (goal ≤ 1e-8)");
            }
            report.AppendLine();
            report.AppendLine($"**Verdict: {verdict}.**");
            report.AppendLine();
            report.AppendLine("```json");
            report.AppendLine(best.Stdout.Trim());
            report.AppendLine("```");
            File.WriteAllText(Path.Combine(results, "analysis-case-f.md"), report.ToString());
            progress.WriteLine($"case F: {verdict}");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("TRIAL_BENCH_KEEP") == "1")
            {
                progress.WriteLine($"case F: data kept in {dir.FullName}");
            }
            else
            {
                dir.Delete(recursive: true);
            }
        }
    }

    private static double Agreement(string json, string rCsv)
    {
        using var doc = JsonDocument.Parse(json);
        var coefficients = doc.RootElement.GetProperty("coefficients").EnumerateArray()
            .ToDictionary(c => c.GetProperty("term").GetString()!, c => (c.GetProperty("estimate").GetDouble(), c.GetProperty("std_error").GetDouble()));
        var r = CsvReader.Read(new StringReader(rCsv), "R output");
        var term = (TextColumn)r["term"];
        var worst = 0.0;
        for (var i = 0; i < r.RowCount; i++)
        {
            var (estimate, se) = coefficients[term.Format(i)];
            worst = Math.Max(worst, Math.Abs(estimate - r.Numeric("estimate").Values[i]) / Math.Abs(r.Numeric("estimate").Values[i]));
            worst = Math.Max(worst, Math.Abs(se - r.Numeric("std_error").Values[i]) / r.Numeric("std_error").Values[i]);
        }
        return worst;
    }

    private static void Generate(string path)
    {
        var random = new Random(Seed);
        var firmEffect = Enumerable.Range(0, Firms).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var monthEffect = Enumerable.Range(0, Months).Select(_ => random.NextDouble()).ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("firm,month,x1,x2,x3,y\n");
        Span<char> buffer = stackalloc char[128];
        for (var i = 0; i < Rows; i++)
        {
            var firm = random.Next(Firms);
            var month = random.Next(Months);
            var x1 = Math.Round(random.NextDouble() + 0.1 * firmEffect[firm], 4);
            var x2 = Math.Round(random.NextDouble() * 2 - 1 + 0.2 * monthEffect[month], 4);
            var x3 = Math.Round(random.NextDouble(), 4);
            var y = Math.Round(0.5 * x1 - 0.3 * x2 + 0.2 * x3 + firmEffect[firm] + monthEffect[month] + (random.NextDouble() - 0.5), 4);
            var ok = buffer.TryWrite(CultureInfo.InvariantCulture, $"{firm + 1},{month + 1},{x1},{x2},{x3},{y}\n", out var written);
            writer.Write(buffer[..written]);
        }
    }
}
