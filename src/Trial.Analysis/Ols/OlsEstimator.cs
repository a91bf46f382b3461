using System.Runtime.CompilerServices;
using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.FixedEffects;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Ols;

/// <summary>
/// Ordinary / weighted least squares with absorbed fixed effects (within transformation), by Householder QR, or by a
/// Cholesky of the cross-products when the demeaning produced them and the design is well conditioned (same R factor;
/// see <see cref="LeastSquares.TrySolveFromCrossProducts"/>). Columns collinear with the fixed effects or with earlier
/// columns are dropped by name and reported.
/// </summary>
public static class OlsEstimator
{
    /// <summary>Parses, builds the design and fits in one call.</summary>
    public static OlsFit Fit(ModelSpec spec, DataFrame data) => Fit(Design.Build(spec, data));

    /// <summary>
    /// The fit of <paramref name="spec"/>, which differs from <paramref name="fit"/>'s only in its clusters: the point
    /// estimates are not computed again when the rows are provably the same (no row was dropped for a missing value and
    /// the new cluster columns are complete on the rows used); otherwise a full fit.
    /// </summary>
    public static OlsFit Recluster(OlsFit fit, ModelSpec spec, DataFrame data)
    {
        var design = fit.Design;
        if (!SameModel(design.Spec, spec) || design.Rows.MissingDropped > 0 || spec.Clusters.Any(c => design.SourceRows.Any(data[c].IsMissing)))
        {
            return Fit(spec, data);
        }
        var clusters = spec.Clusters.Select(c => design.FixedEffects.FirstOrDefault(f => string.Equals(f.Name, c, StringComparison.Ordinal))
            ?? FactorCoder.Code(data[c], design.SourceRows)).ToArray();
        return fit.WithDesign(design.WithClusters(spec, clusters));
    }

    private static bool SameModel(ModelSpec a, ModelSpec b) =>
        string.Equals(a.Formula.Text, b.Formula.Text, StringComparison.Ordinal) && string.Equals(a.Weights, b.Weights, StringComparison.Ordinal)
        && a.Singletons == b.Singletons && string.Equals(string.Join(" & ", a.Filter), string.Join(" & ", b.Filter), StringComparison.Ordinal)
        && a.ReferenceLevels.Count == b.ReferenceLevels.Count
        && a.ReferenceLevels.All(kv => b.ReferenceLevels.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));

    public static OlsFit Fit(Design design) => FitSameX([design])[0];

    /// <summary>
    /// Fits designs that differ only in their outcome: the same rows, X, weights and fixed effects (as
    /// <see cref="OutcomesOnOneDesign"/> builds them). Without absorbed fixed effects or weights, X is factored once for
    /// all the outcomes (<see cref="LeastSquares.SolveMany"/>); each fit is exactly the one <see cref="Fit(Design)"/> gives.
    /// </summary>
    internal static IReadOnlyList<OlsFit> FitSameX(IReadOnlyList<Design> designs)
    {
        var prepared = designs.Select(Prepare).ToArray();
        var once = designs.Count > 1 && designs[0].FixedEffects.Count == 0 && designs[0].Weights is null;
        var solutions = once ? LeastSquares.SolveMany(prepared[0].CandidateX, [.. prepared.Select(p => p.Y)]) : prepared.Select(Solve).ToArray();
        var fits = designs.Select((d, i) => Complete(d, prepared[i], solutions[i])).ToArray();
        if (!once)
        {
            return fits;
        }
        // The same X and kept columns give the same bread: what depends on them alone (CR2's cluster matrices) is shared.
        var shared = new SharedDesignWork();
        return [.. fits.Select(f => f.WithShared(shared))];
    }

    /// <summary>A design made ready to solve: demeaned y and X, and the columns left after those collinear with the fixed effects.</summary>
    private sealed record Prepared(double[] Y, double[][] X, AbsorptionReport Absorption, List<DroppedColumn> Dropped, List<int> Candidates,
        double[][] CandidateX, double[]? SqrtW, double[]? CrossProducts);

    private static Prepared Prepare(Design design)
    {
        if (design.Spec.Formula.RandomEffects.Count > 0)
        {
            throw new ModelInputException("formula: random-effects terms need the mixed-model engine, not OLS");
        }
        var (y, x, absorption, squares, withinSquares, crossProducts) = Absorber.Absorb(design);
        if (!absorption.Converged)
        {
            throw new EstimationException($"fixed effects: {absorption}");
        }
        var dropped = new List<DroppedColumn>(design.DroppedColumns);
        var candidates = new List<int>();
        for (var j = 0; j < x.Length; j++)
        {
            if (absorption.Names.Count > 0 && Math.Sqrt(withinSquares[j]) <= LeastSquares.DefaultTolerance * Math.Sqrt(squares[j]))
            {
                dropped.Add(new DroppedColumn(design.ColumnNames[j], "collinear with the fixed effects"));
            }
            else
            {
                candidates.Add(j);
            }
        }
        return new Prepared(y, x, absorption, dropped, candidates, [.. candidates.Select(j => x[j])], design.Weights?.Select(Math.Sqrt).ToArray(), crossProducts);
    }

    private static LeastSquaresSolution Solve(Prepared p) =>
        (p.CrossProducts is null ? null : LeastSquares.TrySolveFromCrossProducts(CandidateCrossProducts(p.CrossProducts, p.X.Length + 1, p.Candidates), p.Candidates.Count))
            ?? LeastSquares.Solve(p.CandidateX, p.Y, p.SqrtW);

    private static OlsFit Complete(Design design, Prepared p, LeastSquaresSolution solution)
    {
        var (y, x, absorption, dropped, candidates, sqrtW) = (p.Y, p.X, p.Absorption, p.Dropped, p.Candidates, p.SqrtW);
        var keptSet = solution.Kept.Select(i => candidates[i]).ToArray();
        foreach (var j in candidates.Except(keptSet))
        {
            dropped.Add(new DroppedColumn(design.ColumnNames[j], "collinear with earlier columns"));
        }
        if (keptSet.Length == 0 && x.Length > 0)
        {
            throw new EstimationException("every regressor is collinear with the fixed effects or constant; nothing to estimate");
        }
        var keptX = keptSet.Select(j => x[j]).ToArray();
        var beta = solution.Beta;
        var residuals = Residuals(keptX, y, beta);
        var working = sqrtW is null ? residuals : residuals.Select((r, i) => r * sqrtW[i]).ToArray();
        var workingX = sqrtW is null ? keptX : keptX.Select(c => c.Select((v, i) => v * sqrtW[i]).ToArray()).ToArray();
        var rss = working.Sum(r => r * r);
        var (tss, tssWithin) = TotalSums(design, y);
        return new OlsFit(design, keptSet.Select(j => design.ColumnNames[j]).ToArray(), beta, solution.Bread(), workingX, working,
            residuals, rss, tss, tssWithin, absorption, dropped, solution.Method);
    }

    /// <summary>The cross-products of [candidate X columns, y] out of those of the absorber's [y, X] (row-major, <paramref name="width"/> wide).</summary>
    private static double[] CandidateCrossProducts(double[] all, int width, List<int> candidates)
    {
        var order = candidates.Select(j => j + 1).Append(0).ToArray();
        var q = order.Length;
        var result = new double[q * q];
        for (var a = 0; a < q; a++)
        {
            for (var b = 0; b < q; b++)
            {
                result[a * q + b] = all[order[a] * width + order[b]];
            }
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Residuals(double[][] x, double[] y, double[] beta)
    {
        var n = y.Length;
        var e = LargeArrays.Uninitialized(n);
        Parallel.For(0, 2, RowParallelism.For(n), part =>
        {
            var from = part * (n / 2);
            var to = part == 0 ? n / 2 : n;
            for (var i = from; i < to; i++)
            {
                var fitted = 0.0;
                for (var j = 0; j < x.Length; j++)
                {
                    fitted += x[j][i] * beta[j];
                }
                e[i] = y[i] - fitted;
            }
        });
        return e;
    }

    /// <summary>Total sum of squares as lm: around the weighted mean when there is an intercept or FE, else uncentred.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Tss, double TssWithin) TotalSums(Design design, double[] yWithin)
    {
        var y = design.Y;
        var w = design.Weights;
        double sw = 0, swy = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var wi = w?[i] ?? 1.0;
            sw += wi;
            swy += wi * y[i];
        }
        var centred = design.HasIntercept || design.FixedEffects.Count > 0;
        var mean = centred ? swy / sw : 0.0;
        double tss = 0, within = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var wi = w?[i] ?? 1.0;
            tss += wi * (y[i] - mean) * (y[i] - mean);
            within += wi * yWithin[i] * yWithin[i];
        }
        return (tss, within);
    }
}
