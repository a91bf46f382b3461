namespace Trial.Analysis.HypothesisTests;

/// <summary>Fisher's exact test of a 2×2 table, as R <c>fisher.test</c> (two-sided).</summary>
/// <param name="P">Two-sided p: sum of table probabilities ≤ that of the observed table (relative tolerance 1e-7, as R).</param>
/// <param name="OddsRatio">Conditional maximum-likelihood odds ratio (0 or +∞ at the edges of the support).</param>
/// <param name="Lower">Lower limit of the conditional exact CI for the odds ratio.</param>
/// <param name="Upper">Upper limit.</param>
/// <param name="Confidence">Confidence level.</param>
public sealed record FisherExactResult(double P, double OddsRatio, double Lower, double Upper, double Confidence)
{
    /// <summary>Which test, for printing beside the numbers.</summary>
    public static string Conventions => "Fisher's exact test (two-sided, R's rule); conditional ML odds ratio with exact conditional CI";
}
