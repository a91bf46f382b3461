using System.Globalization;
using Trial.Analysis.Inputs;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.SimulationStudy;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis simulate-study`: the plan's main analysis on N simulated trials → bias, RMSE and CI coverage.</summary>
public sealed class SimulateStudyCommand : ICliCommand
{
    public string Name => "simulate-study";

    public string Summary => "Bias, RMSE and 95 % CI coverage of the main analysis over N simulated trials";

    public string Help => """
        trial-analysis simulate-study --plan FILE --replications N --out FOLDER [--effect D] [--analysis ID] [--seed S] [--workers W]

        Simulates N trials of the reference design (as `simulate`: 410 randomised at 6 centres, register 2010-01 to
        2016-04, true effect D on being in work), runs the plan's LPM analysis ID on each (its outcome defined as
        all_of: [employed]), and reports bias, RMSE and empirical SE of the estimate, and the coverage of D by the 95 %
        CIs of every inference choice of that analysis (in the committed plan: CR1S on 6 centres with t(G−1), CR2 with
        Satterthwaite df, the wild cluster bootstrap on centres, CR1S on participants). Writes into FOLDER:
          coverage.csv       one row per method: coverage, its Monte-Carlo SE, mean CI width, bias, RMSE
          replications.csv   one row per replication and method: estimate, CI, whether it covers D
          study.json         the summary; `run --study FOLDER/study.json` adds it to the report as an appendix
          coverage.png/.svg  the coverage figure
        Replication i uses seed S + i (S defaults to 1), so results do not depend on the number of workers.

          --effect D     true effect (default 0.095)
          --analysis ID  the plan's analysis (default: the cost-benefit effect's analysis, else 'main')
          --workers W    parallel replications (default: the number of cores)

        Exit codes: 0 ok, 2 usage, 3 invalid plan or output folder not empty, 4 estimation failed.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var options = CommandOptions.Parse(arguments,
            new HashSet<string>(StringComparer.Ordinal) { "--plan", "--replications", "--out", "--effect", "--analysis", "--seed", "--workers" },
            new HashSet<string>(StringComparer.Ordinal), error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }
        var (planPath, outPath) = (options.Value("--plan"), options.Value("--out"));
        if (planPath is null || outPath is null || !int.TryParse(options.Value("--replications"), NumberStyles.None, CultureInfo.InvariantCulture, out var replications)
            || replications is < 2 or > 100_000)
        {
            error.WriteLine("trial-analysis simulate-study: --plan FILE, --replications N (2 to 100000) and --out FOLDER are required (see --help).");
            return ExitCodes.Usage;
        }
        var seed = 1UL;
        if (options.Value("--seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            error.WriteLine("trial-analysis simulate-study: --seed must be a non-negative integer.");
            return ExitCodes.Usage;
        }
        var workers = Environment.ProcessorCount;
        if (options.Value("--workers") is { } w && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out workers) || workers is < 1 or > 256))
        {
            error.WriteLine("trial-analysis simulate-study: --workers must be a whole number from 1 to 256.");
            return ExitCodes.Usage;
        }
        double effect;
        try
        {
            effect = options.Number("--effect") ?? 0.095;
        }
        catch (FormatException e)
        {
            error.WriteLine($"trial-analysis simulate-study: {e.Message}");
            return ExitCodes.Usage;
        }
        if (effect is < -0.5 or > 0.5)
        {
            error.WriteLine("trial-analysis simulate-study: --effect must lie in [-0.5, 0.5] (a change in a monthly probability).");
            return ExitCodes.Usage;
        }
        try
        {
            if (Directory.Exists(outPath) && Directory.EnumerateFileSystemEntries(outPath).Any())
            {
                throw new InputRejectedException(outPath, "--out", "the output folder is not empty; results are never overwritten");
            }
            var plan = AnalysisPlanLoader.Load(planPath);
            var id = options.Value("--analysis") ?? plan.CostBenefit?.Analysis ?? "main";
            var analysis = plan.Analyses.FirstOrDefault(a => a.Id == id)
                ?? throw new InputRejectedException(planPath, "$.analyses", $"no analysis with id '{id}' (analyses: {string.Join(", ", plan.Analyses.Select(a => a.Id))})");
            if (analysis.Kind != AnalysisKind.Lpm)
            {
                throw new InputRejectedException(planPath, analysis.YamlPath, $"analysis '{id}' is not an lpm analysis; simulate-study runs the main LPM");
            }
            var outcome = analysis.Outcomes.FirstOrDefault(o => plan.RegisterOutcomes[o].AllOf is [RegisterStatus.Employed])
                ?? throw new InputRejectedException(planPath, $"{analysis.YamlPath}.outcomes", "has no outcome defined as all_of: [employed], the outcome the simulated effect applies to");
            output.WriteLine($"simulate-study: analysis '{id}', outcome '{outcome}', true effect {effect.ToString("0.####", CultureInfo.InvariantCulture)}, " +
                $"{replications} replications (seeds {seed}–{seed + (ulong)replications - 1}) on {workers} worker(s)");
            var results = SimulationStudyRunner.Run(plan, analysis, outcome, effect, seed, replications, workers, output);
            var summary = StudySummary.From(planPath, id, outcome, effect, seed, results, analysis.Inference.Select(c => (c.Id, c.Label)).ToList());
            StudyOutput.Write(outPath, summary, results);
            output.WriteLine($"simulate-study: mean estimate {F(summary.MeanEstimate)}, bias {F(summary.Bias)}, RMSE {F(summary.Rmse)}, empirical SE {F(summary.EmpiricalSe)}");
            foreach (var m in summary.Methods)
            {
                output.WriteLine($"  {m.Method,-12} coverage {F(m.Coverage, "0.000")} (MC SE {F(m.CoverageMcSe, "0.000")}), mean CI width {F(m.MeanWidth)}");
            }
            output.WriteLine($"simulate-study: wrote {Path.Combine(outPath, "coverage.csv")}, replications.csv, study.json, coverage.png and coverage.svg");
            return ExitCodes.Ok;
        }
        catch (InputRejectedException e)
        {
            error.WriteLine($"trial-analysis simulate-study: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Trial.Protocol.Files.ProtocolFileException e)
        {
            error.WriteLine($"trial-analysis simulate-study: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is EstimationException or ModelInputException))
        {
            error.WriteLine($"trial-analysis simulate-study: estimation failed: {e.InnerExceptions[0].Message}");
            return ExitCodes.EstimationFailed;
        }
        catch (EstimationException e)
        {
            error.WriteLine($"trial-analysis simulate-study: estimation failed: {e.Message}");
            return ExitCodes.EstimationFailed;
        }
    }

    private static string F(double v, string format = "0.0000") => v.ToString(format, CultureInfo.InvariantCulture);
}
