using MathNet.Numerics.Distributions;

namespace Trial.Analysis.HypothesisTests;

/// <summary>Two-sample t-tests equal to R <c>t.test(x, y, var.equal = ...)</c>, from data or from summaries.</summary>
public static class TTest
{
    /// <summary>Tests mean(x) − mean(y) = 0 from the observations.</summary>
    public static TTestResult TwoSample(IReadOnlyList<double> x, IReadOnlyList<double> y, TTestVariance variance, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return FromSummaries(x.Count, Mean(x), StandardDeviation(x, nameof(x)), y.Count, Mean(y), StandardDeviation(y, nameof(y)), variance, confidence);
    }

    /// <summary>Tests from group sizes, means and SDs (e.g. to recompute a published table).</summary>
    public static TTestResult FromSummaries(int countX, double meanX, double sdX, int countY, double meanY, double sdY, TTestVariance variance, double confidence = 0.95)
    {
        if (countX < 2) { throw new ArgumentOutOfRangeException(nameof(countX), countX, "Group x needs at least 2 observations."); }
        if (countY < 2) { throw new ArgumentOutOfRangeException(nameof(countY), countY, "Group y needs at least 2 observations."); }
        if (!(confidence > 0 && confidence < 1)) { throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1)."); }
        var vx = sdX * sdX;
        var vy = sdY * sdY;
        double se, df;
        if (variance == TTestVariance.Welch)
        {
            var ax = vx / countX;
            var ay = vy / countY;
            se = Math.Sqrt(ax + ay);
            df = Math.Pow(ax + ay, 2) / (ax * ax / (countX - 1) + ay * ay / (countY - 1));
        }
        else
        {
            df = countX + countY - 2;
            var pooled = ((countX - 1) * vx + (countY - 1) * vy) / df;
            se = Math.Sqrt(pooled * (1.0 / countX + 1.0 / countY));
        }
        if (!(se > 0)) { throw new ArgumentException("Both groups have zero variance; the t statistic is undefined.", nameof(sdX)); }
        var difference = meanX - meanY;
        var t = difference / se;
        var dist = new StudentT(0, 1, df);
        var p = 2 * dist.CumulativeDistribution(-Math.Abs(t));
        var q = dist.InverseCumulativeDistribution(1 - (1 - confidence) / 2);
        return new TTestResult(variance, countX, countY, meanX, meanY, difference, se, t, df, p, difference - q * se, difference + q * se, confidence);
    }

    /// <summary>The mean of <paramref name="x"/> with its t interval (R <c>t.test(x, conf.level = confidence)$conf.int</c>).</summary>
    public static MeanInterval Mean(IReadOnlyList<double> x, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(confidence > 0 && confidence < 1)) { throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1)."); }
        var sd = StandardDeviation(x, nameof(x));
        var mean = x.Average();
        var se = sd / Math.Sqrt(x.Count);
        var q = new StudentT(0, 1, x.Count - 1).InverseCumulativeDistribution(1 - (1 - confidence) / 2);
        return new MeanInterval(x.Count, mean, sd, se, x.Count - 1, mean - q * se, mean + q * se, confidence);
    }

    private static double Mean(IReadOnlyList<double> v) => v.Count == 0 ? double.NaN : v.Average();

    private static double StandardDeviation(IReadOnlyList<double> v, string name)
    {
        if (v.Count < 2) { throw new ArgumentException($"Group {name} needs at least 2 observations; it has {v.Count}.", name); }
        if (v.Any(e => !double.IsFinite(e))) { throw new ArgumentException($"Group {name} contains a missing or non-finite value; drop missing values first.", name); }
        var mean = v.Average();
        return Math.Sqrt(v.Sum(e => (e - mean) * (e - mean)) / (v.Count - 1));
    }
}
