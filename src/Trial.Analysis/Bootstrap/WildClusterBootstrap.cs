using Trial.Analysis.Numerics;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Bootstrap;

/// <summary>
/// Wild cluster restricted (WCR) bootstrap for few clusters (Cameron, Gelbach, Miller 2008; MacKinnon, Nielsen, Webb 2023):
/// symmetric p-value of the CR1S t statistic and a confidence interval by inverting the test over the null value.
/// Deterministic given the seed; Rademacher draws are fully enumerated when 2^G ≤ replications.
/// </summary>
public static class WildClusterBootstrap
{
    private static readonly double[] WebbPoints = [-Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5)];

    public static WildBootstrapResult Run(OlsFit fit, WildBootstrapSpec spec)
    {
        var design = fit.Design;
        if (design.Clusters.Count == 0)
        {
            throw new ModelInputException("bootstrap: the wild cluster bootstrap needs a cluster variable (ModelSpec.WithCluster)");
        }
        if (spec.Replications < 1 || spec.Level is <= 0 or >= 1)
        {
            throw new ModelInputException("bootstrap: replications must be ≥ 1 and the level strictly between 0 and 1");
        }
        var cluster = design.Clusters[0];
        var j = fit.IndexOf(spec.Coefficient);
        var g = cluster.LevelCount;
        var (draws, full) = Draws(spec, g);
        var inference = fit.Infer(VcovSpec.Stata());
        var factor = (fit.N - 1.0) / (fit.N - inference.SmallSampleK) * g / (g - 1.0);
        var kernel = new WildBootstrapKernel(fit.WorkingX, fit.WorkingResiduals, fit.Bread, j, cluster.Codes, g, draws, factor);
        var estimate = fit.Coefficients[j];
        var se = inference.StandardError(j);

        double PValue(double nullValue)
        {
            var t = (estimate - nullValue) / se;
            var stars = kernel.TStatistics(estimate - nullValue);
            return stars.Count(s => Math.Abs(s) >= Math.Abs(t) - 1e-12 * Math.Abs(t)) / (double)stars.Length;
        }

        var alpha = 1 - spec.Level;
        var low = Invert(PValue, estimate, -se, alpha);
        var high = Invert(PValue, estimate, se, alpha);
        return new WildBootstrapResult(spec.Coefficient, estimate, spec.NullValue, (estimate - spec.NullValue) / se, PValue(spec.NullValue),
            low, high, spec.Level, draws.GetLength(0), full, spec.Weights, spec.Seed, g);
    }

    /// <summary>The null value on one side of the estimate where p crosses α: bracket outward, then bisect.</summary>
    private static double Invert(Func<double, double> pValue, double estimate, double step, double alpha)
    {
        var inside = estimate;
        var outside = estimate + step;
        var tries = 0;
        while (pValue(outside) > alpha)
        {
            inside = outside;
            step *= 2;
            outside = estimate + step;
            if (++tries > 60)
            {
                return step > 0 ? double.PositiveInfinity : double.NegativeInfinity;
            }
        }
        for (var i = 0; i < 60 && Math.Abs(outside - inside) > 1e-10 * (Math.Abs(estimate) + Math.Abs(step)); i++)
        {
            var middle = (inside + outside) / 2;
            if (pValue(middle) > alpha)
            {
                inside = middle;
            }
            else
            {
                outside = middle;
            }
        }
        return (inside + outside) / 2;
    }

    private static (double[,] Draws, bool Full) Draws(WildBootstrapSpec spec, int g)
    {
        if (spec.Weights == BootstrapWeights.Rademacher && g < 30 && (1L << g) <= spec.Replications)
        {
            var count = 1 << g;
            var all = new double[count, g];
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < g; c++)
                {
                    all[r, c] = ((r >> c) & 1) == 0 ? 1 : -1;
                }
            }
            return (all, true);
        }
        var random = new SplitMix64(spec.Seed);
        var draws = new double[spec.Replications, g];
        for (var r = 0; r < spec.Replications; r++)
        {
            for (var c = 0; c < g; c++)
            {
                draws[r, c] = spec.Weights == BootstrapWeights.Rademacher
                    ? (random.Next() >> 63) == 0 ? 1 : -1
                    : WebbPoints[random.NextInt(6)];
            }
        }
        return (draws, false);
    }
}
