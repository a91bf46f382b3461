namespace Trial.Analysis.HypothesisTests;

/// <summary>A two-sample t-test of mean(x) − mean(y) = 0, as R <c>t.test(x, y)</c> reports it.</summary>
public sealed record TTestResult(
    TTestVariance Variance, int CountX, int CountY, double MeanX, double MeanY, double Difference,
    double StandardError, double Statistic, double Df, double P, double Lower, double Upper, double Confidence)
{
    /// <summary>Which test, for printing beside the numbers.</summary>
    public string Conventions => Variance == TTestVariance.Welch
        ? "Welch two-sample t-test (unequal variances, Welch–Satterthwaite df), two-sided"
        : "Student two-sample t-test (pooled variance, df = n_x + n_y − 2), two-sided";
}
