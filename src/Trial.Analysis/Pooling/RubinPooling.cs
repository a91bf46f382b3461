using MathNet.Numerics.Distributions;

namespace Trial.Analysis.Pooling;

/// <summary>
/// Rubin's rules for one scalar estimated in m imputed data sets, with the Barnard–Rubin (1999) small-sample
/// df exactly as mice 3.15 <c>pool()</c>/<c>pool.scalar()</c> (λ floored at 1e-4).
/// </summary>
public static class RubinPooling
{
    /// <summary>Pools estimates Q_l with variances U_l (squared SEs).</summary>
    /// <param name="estimates">Q_l, one per imputation (m ≥ 2).</param>
    /// <param name="variances">U_l, the complete-data variances of Q_l.</param>
    /// <param name="completeDataDf">ν_com = n − k of the complete-data model; +∞ for large samples (mice: dfcom = Inf).</param>
    /// <param name="confidence">Confidence level of the interval, e.g. 0.95.</param>
    public static PooledEstimate Pool(IReadOnlyList<double> estimates, IReadOnlyList<double> variances, double completeDataDf, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(variances);
        var m = estimates.Count;
        if (m < 2) { throw new ArgumentException($"Rubin's rules need at least 2 imputations; got {m}.", nameof(estimates)); }
        if (variances.Count != m) { throw new ArgumentException($"There are {m} estimates but {variances.Count} variances; give one variance per imputation.", nameof(variances)); }
        if (variances.Any(u => !(u >= 0) || double.IsInfinity(u))) { throw new ArgumentException("Every variance U_l must be finite and ≥ 0.", nameof(variances)); }
        if (estimates.Any(q => !double.IsFinite(q))) { throw new ArgumentException("Every estimate Q_l must be finite.", nameof(estimates)); }
        if (!(completeDataDf > 0)) { throw new ArgumentOutOfRangeException(nameof(completeDataDf), completeDataDf, "The complete-data df must be > 0 (or +∞)."); }
        if (!(confidence > 0 && confidence < 1)) { throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1)."); }

        var qbar = estimates.Average();
        var ubar = variances.Average();
        var b = estimates.Sum(q => (q - qbar) * (q - qbar)) / (m - 1);
        var inflation = 1 + 1.0 / m;
        var t = ubar + inflation * b;
        var lambda = inflation * b / t;
        var df = BarnardRubinDf(m, Math.Max(lambda, 1e-4), completeDataDf);
        var riv = inflation * b / ubar;
        var fmi = (riv + 2 / (df + 3)) / (riv + 1);
        var se = Math.Sqrt(t);
        var statistic = qbar / se;
        var tDist = new StudentT(0, 1, df);
        var p = 2 * tDist.CumulativeDistribution(-Math.Abs(statistic));
        var critical = tDist.InverseCumulativeDistribution(1 - (1 - confidence) / 2);
        return new PooledEstimate(m, qbar, ubar, b, t, se, df, riv, lambda, fmi, statistic, p, qbar - critical * se, qbar + critical * se, completeDataDf);
    }

    private static double BarnardRubinDf(int m, double lambda, double completeDataDf)
    {
        var dfOld = (m - 1) / (lambda * lambda);
        if (double.IsPositiveInfinity(completeDataDf)) { return dfOld; }
        var dfObs = (completeDataDf + 1) / (completeDataDf + 3) * completeDataDf * (1 - lambda);
        return dfOld * dfObs / (dfOld + dfObs);
    }
}
