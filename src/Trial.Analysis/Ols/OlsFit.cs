using Trial.Analysis.Numerics;
using Trial.Analysis.Designs;
using Trial.Analysis.FixedEffects;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Ols;

/// <summary>
/// A least-squares fit (point estimates only; variance is chosen afterwards with <see cref="Infer"/>). Working arrays
/// are the within-transformed X and residuals, scaled by √weights when weighted; they are what sandwich kernels use.
/// </summary>
public sealed class OlsFit
{
    internal OlsFit(Design design, IReadOnlyList<string> names, double[] coefficients, double[,] bread, double[][] workingX,
        double[] workingResiduals, double[] residuals, double rss, double tss, double tssWithin, AbsorptionReport absorption,
        IReadOnlyList<DroppedColumn> droppedTerms, LeastSquaresMethod method)
    {
        Design = design;
        Names = names;
        Coefficients = coefficients;
        Bread = bread;
        WorkingX = workingX;
        WorkingResiduals = workingResiduals;
        Residuals = residuals;
        Rss = rss;
        Tss = tss;
        TssWithin = tssWithin;
        Absorption = absorption;
        DroppedTerms = droppedTerms;
        Method = method;
    }

    public Design Design { get; }

    /// <summary>How the coefficients were solved: QR, or Cholesky of X'X when the design is well conditioned.</summary>
    public LeastSquaresMethod Method { get; }

    /// <summary>This fit over <paramref name="design"/>, which must hold the same rows, X and y (only the clusters differ).</summary>
    internal OlsFit WithDesign(Design design) =>
        new(design, Names, Coefficients, Bread, WorkingX, WorkingResiduals, Residuals, Rss, Tss, TssWithin, Absorption, DroppedTerms, Method) { Shared = Shared };

    internal OlsFit WithShared(SharedDesignWork shared) =>
        new(Design, Names, Coefficients, Bread, WorkingX, WorkingResiduals, Residuals, Rss, Tss, TssWithin, Absorption, DroppedTerms, Method) { Shared = shared };

    /// <summary>Set when this fit is one of several outcomes on one design: the X-only work they share.</summary>
    internal SharedDesignWork? Shared { get; init; }

    /// <summary>CR2's per-cluster matrices of this fit's X, bread and <paramref name="clusters"/>, computed once per shared design.</summary>
    internal Cr2ClusterMatrices Cr2Matrices(Designs.FactorIndex clusters)
    {
        Cr2ClusterMatrices Compute() => Cr2ClusterMatrices.Compute(WorkingX, Bread, clusters.Codes, clusters.LevelCount);
        return Shared is { } shared ? shared.Cr2(clusters.Codes, Compute) : Compute();
    }

    /// <summary>Names of the estimated coefficients (collinear columns removed).</summary>
    public IReadOnlyList<string> Names { get; }

    public double[] Coefficients { get; }

    /// <summary>(X̃'WX̃)⁻¹ over the estimated coefficients.</summary>
    public double[,] Bread { get; }

    internal double[][] WorkingX { get; }

    internal double[] WorkingResiduals { get; }

    /// <summary>Residuals y − ŷ (unweighted), one per design row.</summary>
    public double[] Residuals { get; }

    /// <summary>Columns dropped as collinear (with earlier columns or with the fixed effects), in the way lm/fixest report them.</summary>
    public IReadOnlyList<DroppedColumn> DroppedTerms { get; }

    public AbsorptionReport Absorption { get; }

    public int N => Design.RowCount;

    /// <summary>Rank of X (estimated coefficients).</summary>
    public int Rank => Coefficients.Length;

    /// <summary>N − rank − absorbed fixed-effect df (lm's df.residual with the FE counted as dummies).</summary>
    public int ResidualDf => N - Rank - Absorption.AbsorbedDf;

    public double Rss { get; }

    public double Tss { get; }

    public double TssWithin { get; }

    /// <summary>R² = 1 − RSS/TSS; NaN (R prints NaN) when the outcome is constant, where TSS is zero up to rounding.</summary>
    public double RSquared => OutcomeIsConstant ? double.NaN : 1 - Rss / Tss;

    private bool OutcomeIsConstant
    {
        get
        {
            var scale = 0.0;
            foreach (var v in Design.Y)
            {
                scale += v * v;
            }
            return Tss <= 1e-30 * scale;
        }
    }

    /// <summary>
    /// summary.lm's check: the residual variance is below 1e-30 × (mean(ŷ)² + var(ŷ)), so SEs, t and p are rounding
    /// noise. R then warns "essentially perfect fit: summary may be unreliable"; so does every summary of this fit.
    /// </summary>
    public bool EssentiallyPerfectFit
    {
        get
        {
            var n = N;
            if (ResidualDf <= 0 || n < 2)
            {
                return false;
            }
            double mean = 0;
            for (var i = 0; i < n; i++)
            {
                mean += Design.Y[i] - Residuals[i];
            }
            mean /= n;
            double ss = 0;
            for (var i = 0; i < n; i++)
            {
                var d = Design.Y[i] - Residuals[i] - mean;
                ss += d * d;
            }
            var residualVariance = Rss / ResidualDf;
            return double.IsFinite(residualVariance) && residualVariance < (mean * mean + ss / (n - 1)) * 1e-30;
        }
    }

    /// <summary>The R warning text for <see cref="EssentiallyPerfectFit"/>.</summary>
    public const string PerfectFitWarning = "essentially perfect fit: summary may be unreliable";

    /// <summary>R² of the within-transformed model (fixest's within R²); NaN without absorbed fixed effects.</summary>
    public double WithinRSquared => Absorption.Names.Count == 0 ? double.NaN : 1 - Rss / TssWithin;

    /// <summary>Residual variance RSS / residual df.</summary>
    public double Sigma2 => Rss / ResidualDf;

    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        var dropped = DroppedTerms.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        throw new Spec.ModelInputException(dropped is not null
            ? $"coefficient '{name}' was dropped ({dropped.Reason})"
            : $"coefficient '{name}' is not in the model; coefficients are {string.Join(", ", Names)}");
    }

    /// <summary>Variance, df and tests under the given convention.</summary>
    public Inference Infer(VcovSpec vcov) => Inference.Compute(this, vcov);
}
