using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Cli;

/// <summary><c>trial-analysis fit</c>: fits one model to a CSV file and prints the tidy table (or JSON) with its conventions.</summary>
public sealed class FitCommand : ICliCommand
{
    public string Name => "fit";

    public string Summary => "Fit one model to a CSV file (R lm/lmer formula, fixest | FE) and print a tidy table or JSON.";

    public string Help => """
        Usage: trial-analysis fit --data FILE.csv --formula "y ~ x + factor(g) | fe1 + fe2" [options]

          --data FILE          CSV with a header row (or a .parquet file); empty cells and NA are missing (rows
                               dropped, counted). Cluster, FE, factor() and grouping columns are grouped by their
                               exact text, even when they look like numbers (1.1 and 1.10 are two groups)
          --stray-text refuse|missing
                               a text cell in a numeric column (3x in time) is refused naming the column, line
                               and value (default), or treated as missing and counted
          --formula TEXT       R formula: a*b, a:b, factor(x), relevel(x, "ref"), -1; absorbed FE after '|';
                               random-effects terms (1|g), (1 + t|g), (1|g1/g2) go to the mixed-model engine
          --cluster VAR[,VAR2] one- or two-way clustering
          --vcov TYPE          IID | HC0 | HC1 | HC2 | HC3 | CR0 | CR1 | CR1S | CR2
                               (default: CR1S when --cluster is given, else IID)
          --df RULE            residual | clusters | satterthwaite | normal
                               (default: t(G−1) when clustered, Satterthwaite for CR2, else t(N−K))
          --fe-k full|nested   K counting of FE nested in clusters (default full = lm dummies + vcovCL;
                               nested = fixest/xtreg: FE nested in a cluster dimension are not counted)
          --multiway per-dimension|min-g   two-way adjustment (default per-dimension = sandwich; min-g = fixest/reghdfe)
          --weights VAR        analytic weights (lm weights=)
          --keep-singletons    keep FE singletons (default: dropped and counted, as reghdfe)
          --level P            confidence level (default 0.95)
          --reml | --ml        likelihood for mixed models (default REML); an error for OLS

        Options that do not apply are errors (exit 2): --cluster with IID/HC*, CR* without --cluster, --fe-k without
        --cluster, --multiway without two cluster columns, OLS variance options with a random-effects formula.
          --json               JSON instead of a text table

        Exit codes: 0 ok, 2 usage, 3 invalid input (bad file, column, formula), 4 estimation failed.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        FitArguments parsed;
        try
        {
            parsed = FitArguments.Parse(arguments);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"trial-analysis fit: {e.Message}");
            error.WriteLine("Run 'trial-analysis fit --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            var spec = ModelSpec.FromFormula(parsed.Formula);
            if (parsed.Clusters.Count > 0)
            {
                spec = spec.WithCluster(parsed.Clusters.ToArray());
            }
            if (parsed.Weights is not null)
            {
                spec = spec.WithWeights(parsed.Weights);
            }
            if (parsed.KeepSingletons)
            {
                spec = spec.WithSingletons(SingletonPolicy.Keep);
            }
            var mixedModel = spec.Formula.RandomEffects.Count > 0;
            if (parsed.NotApplicable(mixedModel) is { } misuse)
            {
                error.WriteLine($"trial-analysis fit: {misuse}");
                error.WriteLine("Run 'trial-analysis fit --help' for usage.");
                return ExitCodes.Usage;
            }
            var data = DataFile.Read(parsed.Data, CsvReadOptions.ForModel(spec, parsed.StrayText), out var strays);
            foreach (var (column, cells) in strays)
            {
                error.WriteLine($"trial-analysis fit: note: {cells} text cell(s) in numeric column '{column}' treated as missing (--stray-text missing)");
            }
            if (mixedModel)
            {
                var mixed = MixedModelEstimator.Fit(spec, data, parsed.Ml ? LmmCriterion.MaximumLikelihood : LmmCriterion.Reml);
                var mixedSummary = mixed.Infer().Summarise(parsed.Level);
                output.Write(parsed.Json ? mixedSummary.ToJson() + Environment.NewLine : mixedSummary.ToText());
                return ExitCodes.Ok;
            }
            var fit = OlsEstimator.Fit(spec, data);
            var summary = fit.Infer(parsed.Vcov(spec.Clusters.Count > 0)).Summarise(parsed.Level);
            foreach (var warning in summary.Warnings)
            {
                error.WriteLine($"trial-analysis fit: warning: {warning}");
            }
            output.Write(parsed.Json ? summary.ToJson() + Environment.NewLine : summary.ToText());
            return ExitCodes.Ok;
        }
        catch (ModelInputException e)
        {
            error.WriteLine($"trial-analysis fit: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (EstimationException e)
        {
            error.WriteLine($"trial-analysis fit: estimation failed: {e.Message}");
            return ExitCodes.EstimationFailed;
        }
    }

    private sealed record FitArguments(string Data, string Formula, IReadOnlyList<string> Clusters, string? VcovText, string? DfText,
        string? FeK, string? Multiway, string? Weights, bool KeepSingletons, double Level, bool Json, bool Ml, bool Reml, StrayTextPolicy StrayText)
    {
        public static FitArguments Parse(IReadOnlyList<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var flags = new HashSet<string>(StringComparer.Ordinal);
            string[] valued = ["--data", "--formula", "--cluster", "--vcov", "--df", "--fe-k", "--multiway", "--weights", "--level", "--stray-text"];
            string[] switches = ["--json", "--reml", "--ml", "--keep-singletons"];
            for (var i = 0; i < args.Count; i++)
            {
                var a = args[i];
                if (valued.Contains(a))
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new ArgumentException($"{a} needs a value");
                    }
                    values[a] = args[++i];
                }
                else if (switches.Contains(a))
                {
                    flags.Add(a);
                }
                else
                {
                    throw new ArgumentException($"unknown argument '{a}'");
                }
            }
            if (!values.TryGetValue("--data", out var data))
            {
                throw new ArgumentException("--data FILE.csv is required");
            }
            if (!values.TryGetValue("--formula", out var formula))
            {
                throw new ArgumentException("--formula is required");
            }
            if (flags.Contains("--reml") && flags.Contains("--ml"))
            {
                throw new ArgumentException("give either --reml or --ml, not both");
            }
            var level = 0.95;
            if (values.TryGetValue("--level", out var levelText) &&
                (!double.TryParse(levelText, NumberStyles.Float, CultureInfo.InvariantCulture, out level) || level <= 0 || level >= 1))
            {
                throw new ArgumentException($"--level must be a number strictly between 0 and 1, got '{levelText}'");
            }
            var clusters = values.TryGetValue("--cluster", out var c) ? c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            if (clusters.Length > 2)
            {
                throw new ArgumentException("--cluster takes one or two columns (VAR or VAR1,VAR2)");
            }
            var strayText = values.GetValueOrDefault("--stray-text") switch
            {
                null or "refuse" => StrayTextPolicy.Refuse,
                "missing" => StrayTextPolicy.Missing,
                var other => throw new ArgumentException($"--stray-text must be 'refuse' or 'missing', got '{other}'"),
            };
            return new FitArguments(data, formula, clusters, values.GetValueOrDefault("--vcov"), values.GetValueOrDefault("--df"),
                values.GetValueOrDefault("--fe-k"), values.GetValueOrDefault("--multiway"), values.GetValueOrDefault("--weights"),
                flags.Contains("--keep-singletons"), level, flags.Contains("--json"), flags.Contains("--ml"), flags.Contains("--reml"), strayText);
        }

        /// <summary>
        /// Options that do not apply to the model are an error rather than silently ignored: --reml/--ml and the
        /// random-effects engine vs the OLS variance options, --cluster vs a non-cluster vcov, FE-K and multiway rules
        /// without (two-way) clustering. Null when every option given applies.
        /// </summary>
        public string? NotApplicable(bool mixedModel)
        {
            if (mixedModel)
            {
                var olsOnly = new[] { ("--vcov", VcovText is not null), ("--df", DfText is not null), ("--fe-k", FeK is not null),
                    ("--multiway", Multiway is not null), ("--keep-singletons", KeepSingletons) };
                var given = olsOnly.Where(o => o.Item2).Select(o => o.Item1).ToArray();
                return given.Length == 0 ? null
                    : $"{string.Join(", ", given)} apply to OLS only; a mixed model (random-effects term in the formula) uses lmerTest's Satterthwaite df";
            }
            if (Reml || Ml)
            {
                return $"{(Ml ? "--ml" : "--reml")} applies to mixed models only; the formula has no random-effects term such as (1|id), so it is fitted by OLS";
            }
            var kind = VcovText is null ? (VcovKind?)null
                : Enum.TryParse<VcovKind>(VcovText, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
            if (kind is { } given2 && Clusters.Count > 0 && given2 < VcovKind.CR0)
            {
                return $"--cluster does not apply to --vcov {VcovText}, which is not cluster-robust; use CR0, CR1, CR1S or CR2, or drop --cluster";
            }
            if (kind is { } needsCluster && Clusters.Count == 0 && needsCluster >= VcovKind.CR0)
            {
                return $"--vcov {VcovText} is cluster-robust and needs --cluster VAR";
            }
            if (FeK is not null && Clusters.Count == 0)
            {
                return "--fe-k applies to clustered variance only (K counting of FE nested in clusters); add --cluster or drop --fe-k";
            }
            if (Multiway is not null && Clusters.Count < 2)
            {
                return "--multiway applies to two-way clustering only (--cluster A,B)";
            }
            return null;
        }

        public VcovSpec Vcov(bool clustered)
        {
            var kind = VcovText is null
                ? clustered ? VcovKind.CR1S : VcovKind.Iid
                : Enum.TryParse<VcovKind>(VcovText, ignoreCase: true, out var k) && Enum.IsDefined(k)
                    ? k
                    : throw new ModelInputException($"--vcov: '{VcovText}' is not one of IID, HC0, HC1, HC2, HC3, CR0, CR1, CR1S, CR2");
            var feK = FeK switch
            {
                null or "full" => FixedEffectCounting.Full,
                "nested" => FixedEffectCounting.ExcludeNested,
                _ => throw new ModelInputException($"--fe-k: '{FeK}' is not 'full' or 'nested'"),
            };
            var multiway = Multiway switch
            {
                null or "per-dimension" => MultiwayAdjustment.PerDimension,
                "min-g" => MultiwayAdjustment.MinG,
                _ => throw new ModelInputException($"--multiway: '{Multiway}' is not 'per-dimension' or 'min-g'"),
            };
            var spec = kind switch
            {
                VcovKind.Iid => VcovSpec.Iid(),
                <= VcovKind.HC3 => VcovSpec.Hetero(kind),
                _ => VcovSpec.Cluster(kind, feK, multiway),
            };
            return DfText switch
            {
                null => spec,
                "residual" => spec.WithDf(DfRule.Residual),
                "clusters" => spec.WithDf(DfRule.ClustersMinusOne),
                "satterthwaite" => spec.WithDf(DfRule.Satterthwaite),
                "normal" => spec.WithDf(DfRule.Normal),
                _ => throw new ModelInputException($"--df: '{DfText}' is not residual, clusters, satterthwaite or normal"),
            };
        }
    }
}
