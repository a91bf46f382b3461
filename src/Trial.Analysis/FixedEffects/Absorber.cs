using Trial.Analysis.Designs;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.FixedEffects;

/// <summary>Applies the within transformation of a design's absorbed fixed effects to copies of y and X, in parallel over columns.</summary>
internal static class Absorber
{
    public const double Tolerance = 1e-12;
    public const int MaxIterations = 10_000;

    /// <summary>
    /// Demeaned y and X, the report, per X column Σx² before and after demeaning (NaN without FE), and the cross-products
    /// of the demeaned [y, X] (row-major) when they came for free with the demeaning (see <see cref="ContiguousTwoWayDemeaning"/>), else null.
    /// </summary>
    public static (double[] Y, double[][] X, AbsorptionReport Report, double[] XSquares, double[] XWithinSquares, double[]? CrossProducts) Absorb(Design design)
    {
        var fe = design.FixedEffects;
        if (fe.Count == 0)
        {
            var none = Enumerable.Repeat(double.NaN, design.ColumnCount).ToArray();
            return (design.Y, design.X, AbsorptionReport.None, none, none, null);
        }
        var codes = fe.Select(f => f.Codes).ToArray();
        var levels = fe.Select(f => f.LevelCount).ToArray();
        var inverse = AlternatingProjections.InverseLevelWeights(codes, levels, design.Weights);
        var columns = design.X.Prepend(design.Y).ToArray();
        var (result, outcomes, crossProducts) = TwoWayContiguous(design, codes, levels, inverse, columns) ?? General(design, codes, levels, inverse, columns);
        var report = new AbsorptionReport(fe.Select(f => f.Name).ToArray(), levels, FixedEffectDegrees.Count(codes, levels),
            outcomes.Max(o => o.Iterations), outcomes.All(o => o.Converged), Tolerance);
        return (result[0], result[1..], report, outcomes[1..].Select(o => o.SourceSquares).ToArray(), outcomes[1..].Select(o => o.ResultSquares).ToArray(),
            crossProducts);
    }

    /// <summary>Every column by <see cref="AlternatingProjections.Demean"/>.</summary>
    private static (double[][], DemeanOutcome[], double[]?) General(Design design, int[][] codes, int[] levels, double[][] inverse, double[][] columns)
    {
        var result = new double[columns.Length][];
        var outcomes = new DemeanOutcome[columns.Length];
        ForEachColumn(Enumerable.Range(0, columns.Length).ToArray(), design.RowCount, levels, (j, scratch) =>
        {
            var v = LargeArrays.Uninitialized(columns[j].Length);
            outcomes[j] = AlternatingProjections.Demean(columns[j], v, codes, inverse, design.Weights, Tolerance, MaxIterations, scratch);
            result[j] = v;
        });
        return (result, outcomes, null);
    }

    /// <summary>
    /// Two unweighted FE, one of which is stored in contiguous runs (a panel sorted by person): the fused sweep. A column
    /// that the sweep did not converge (an unbalanced panel) continues from there with the general algorithm, which
    /// converges to the same projection; the cross-products are then not used. Null when the layout does not apply.
    /// </summary>
    private static (double[][], DemeanOutcome[], double[]?)? TwoWayContiguous(Design design, int[][] codes, int[] levels, double[][] inverse, double[][] columns)
    {
        if (codes.Length != 2 || design.Weights is not null)
        {
            return null;
        }
        var run = ContiguousTwoWayDemeaning.RunStarts(codes[0], levels[0]) is { } starts0 ? (Dimension: 0, Starts: starts0)
            : ContiguousTwoWayDemeaning.RunStarts(codes[1], levels[1]) is { } starts1 ? (Dimension: 1, Starts: starts1) : default;
        if (run.Starts is null)
        {
            return null;
        }
        var other = 1 - run.Dimension;
        var fused = ContiguousTwoWayDemeaning.Demean(columns, run.Starts, codes[run.Dimension], inverse[run.Dimension], codes[other], inverse[other], Tolerance);
        var outcomes = fused.Outcomes;
        var unfinished = Enumerable.Range(0, columns.Length).Where(j => !outcomes[j].Converged).ToArray();
        ForEachColumn(unfinished, design.RowCount, levels, (j, scratch) =>
        {
            var v = fused.Columns[j];
            var more = AlternatingProjections.Demean(v, v, codes, inverse, null, Tolerance, MaxIterations - 1, scratch);
            outcomes[j] = new DemeanOutcome(1 + more.Iterations, more.Converged, outcomes[j].SourceSquares, more.ResultSquares);
        });
        return (fused.Columns, outcomes, fused.CrossProducts);
    }

    /// <summary>Runs <paramref name="demean"/> on the given columns, one worker per core, each reusing its own scratch buffers.</summary>
    private static void ForEachColumn(int[] columns, int rows, int[] levels, Action<int, DemeanScratch> demean)
    {
        var next = -1;
        Parallel.For(0, Math.Min(Environment.ProcessorCount, columns.Length), RowParallelism.For(rows), _ =>
        {
            var scratch = new DemeanScratch(rows, levels);
            int k;
            while ((k = Interlocked.Increment(ref next)) < columns.Length)
            {
                demean(columns[k], scratch);
            }
        });
    }
}
