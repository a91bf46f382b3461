namespace Trial.Analysis.HypothesisTests;

/// <summary>Pearson's χ² test of independence in a contingency table, as R <c>chisq.test</c>.</summary>
/// <param name="Statistic">X².</param>
/// <param name="Df">(rows − 1)(columns − 1).</param>
/// <param name="P">Upper-tail χ² p-value.</param>
/// <param name="Expected">Expected counts under independence, [row][column].</param>
/// <param name="CorrectionApplied">Whether Yates' correction was used (only for 2×2 tables).</param>
/// <param name="SmallExpectedCounts">True when some expected count is below 5 (R warns "Chi-squared approximation may be incorrect").</param>
/// <param name="N">Total count.</param>
public sealed record ChiSquareResult(double Statistic, int Df, double P, double[][] Expected, bool CorrectionApplied, bool SmallExpectedCounts, double N)
{
    /// <summary>Which test, for printing beside the numbers.</summary>
    public string Conventions => CorrectionApplied
        ? "Pearson χ² test with Yates' continuity correction"
        : "Pearson χ² test without continuity correction";
}
