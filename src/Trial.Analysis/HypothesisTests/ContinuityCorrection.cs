namespace Trial.Analysis.HypothesisTests;

/// <summary>Continuity correction of the χ² test of a 2×2 table.</summary>
public enum ContinuityCorrection
{
    /// <summary>Pearson's statistic without correction (R <c>correct = FALSE</c>).</summary>
    None,

    /// <summary>Yates' correction for 2×2 tables, |O − E| reduced by min(0.5, |O − E|) (R default); ignored for larger tables, as in R.</summary>
    Yates,
}
