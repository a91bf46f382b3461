using MathNet.Numerics.Distributions;

namespace Trial.Analysis.Run;

/// <summary>
/// Per-centre effects regressed on the centre's fidelity total, weighted by inverse variance: a fixed-effect
/// meta-regression (as metafor's rma(yi, vi, mods = ~ fidelity, method = "FE")). The slope's variance is
/// (X'WX)⁻¹ without a residual scale, inference is by z, and Q_E tests residual heterogeneity on k − 2 df.
/// </summary>
public sealed record FidelityMetaRegression(int Centres, double Intercept, double Slope, double SlopeStdError, double Z, double PValue,
    double ConfLow, double ConfHigh, double ResidualQ, double ResidualQPValue)
{
    public const string Convention = "fixed-effect meta-regression: weights 1/SE², Var = (X'WX)^-1, z test, Q_E on k-2 df";

    /// <summary>Null with fewer than three centres or no spread in fidelity: a line through two points tests nothing.</summary>
    public static FidelityMetaRegression? Fit(IReadOnlyList<(double Effect, double StdError, double Fidelity)> centres)
    {
        var usable = centres.Where(c => double.IsFinite(c.Effect) && double.IsFinite(c.StdError) && c.StdError > 0).ToList();
        if (usable.Count < 3)
        {
            return null;
        }
        double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
        foreach (var (y, se, x) in usable)
        {
            var w = 1 / (se * se);
            sw += w;
            swx += w * x;
            swy += w * y;
            swxx += w * x * x;
            swxy += w * x * y;
        }
        var determinant = sw * swxx - swx * swx;
        if (determinant <= 1e-12 * sw * swxx)
        {
            return null;
        }
        var slope = (sw * swxy - swx * swy) / determinant;
        var intercept = (swy - slope * swx) / sw;
        var slopeSe = Math.Sqrt(sw / determinant);
        var z = slope / slopeSe;
        var q = usable.Sum(c => Math.Pow(c.Effect - intercept - slope * c.Fidelity, 2) / (c.StdError * c.StdError));
        var critical = Normal.InvCDF(0, 1, 0.975);
        return new FidelityMetaRegression(usable.Count, intercept, slope, slopeSe, z, 2 * Normal.CDF(0, 1, -Math.Abs(z)),
            slope - critical * slopeSe, slope + critical * slopeSe, q, usable.Count > 2 ? 1 - ChiSquared.CDF(usable.Count - 2, q) : double.NaN);
    }
}
