using Trial.Analysis.Designs;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.FixedEffects;

/// <summary>Applies the within transformation of a design's absorbed fixed effects to copies of y and X, in parallel over columns.</summary>
internal static class Absorber
{
    public const double Tolerance = 1e-12;
    public const int MaxIterations = 10_000;

    /// <summary>Demeaned y and X, the report, and per X column Σx² before and after demeaning (NaN without FE).</summary>
    public static (double[] Y, double[][] X, AbsorptionReport Report, double[] XSquares, double[] XWithinSquares) Absorb(Design design)
    {
        var fe = design.FixedEffects;
        if (fe.Count == 0)
        {
            var none = Enumerable.Repeat(double.NaN, design.ColumnCount).ToArray();
            return (design.Y, design.X, AbsorptionReport.None, none, none);
        }
        var codes = fe.Select(f => f.Codes).ToArray();
        var levels = fe.Select(f => f.LevelCount).ToArray();
        var inverse = AlternatingProjections.InverseLevelWeights(codes, levels, design.Weights);
        var columns = design.X.Prepend(design.Y).ToArray();
        var result = new double[columns.Length][];
        var outcomes = new DemeanOutcome[columns.Length];
        var next = -1;
        // One worker per core, each reusing its own scratch buffers across columns.
        Parallel.For(0, Math.Min(Environment.ProcessorCount, columns.Length), _ =>
        {
            var scratch = new DemeanScratch(design.RowCount, levels);
            int j;
            while ((j = Interlocked.Increment(ref next)) < columns.Length)
            {
                var v = GC.AllocateUninitializedArray<double>(columns[j].Length);
                outcomes[j] = AlternatingProjections.Demean(columns[j], v, codes, inverse, design.Weights, Tolerance, MaxIterations, scratch);
                result[j] = v;
            }
        });
        var report = new AbsorptionReport(fe.Select(f => f.Name).ToArray(), levels, FixedEffectDegrees.Count(codes, levels),
            outcomes.Max(o => o.Iterations), outcomes.All(o => o.Converged), Tolerance);
        return (result[0], result[1..], report, outcomes[1..].Select(o => o.SourceSquares).ToArray(), outcomes[1..].Select(o => o.ResultSquares).ToArray());
    }
}
