namespace Trial.Analysis.HypothesisTests;

/// <summary>How a two-sample t-test treats the two group variances.</summary>
public enum TTestVariance
{
    /// <summary>Unequal variances, Welch–Satterthwaite df (R <c>t.test</c> default, <c>var.equal = FALSE</c>).</summary>
    Welch,

    /// <summary>Pooled variance, df = n_x + n_y − 2 (Student; R <c>var.equal = TRUE</c>).</summary>
    Pooled,
}
